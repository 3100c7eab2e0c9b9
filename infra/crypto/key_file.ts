/**
 * Key files kept under the data directory: the development signing keys and
 * the cursor key a local instance makes for itself on first start, so they
 * survive a restart. Production configures its keys instead.
 * @module
 */
import { join } from "node:path";

/** Options of {@linkcode loadOrCreateKeyFile}. */
export interface KeyFileOptions {
  /** Whether an existing file holds a usable key; one that does not is replaced. */
  readonly accept?: (text: string) => boolean;
}

/** The text of `dir/fileName`, or undefined when there is no such file. */
export async function readKeyFile(dir: string, fileName: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(join(dir, fileName));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * Returns the text of `dir/fileName`, first writing `create()` there (mode
 * 0600) when the file is missing. The file is created exclusively and read
 * back, so processes starting together end up with the same key: whoever
 * writes first wins.
 */
export async function loadOrCreateKeyFile(
  dir: string,
  fileName: string,
  create: () => string | Promise<string>,
  options: KeyFileOptions = {},
): Promise<string> {
  const existing = await readKeyFile(dir, fileName);
  if (existing !== undefined && (options.accept?.(existing) ?? true)) return existing;
  const path = join(dir, fileName);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(path, await create(), { mode: 0o600, createNew: existing === undefined })
    .catch((error) => {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error; // another process won
    });
  return await Deno.readTextFile(path);
}
