import { join } from "node:path";

/**
 * The cursor signing key: the configured one, or — outside production — one
 * generated once and kept under the data directory, so cursors survive a
 * restart of a development instance. Production must configure a key shared
 * by every instance, or a cursor from one pod fails on the next.
 */
export async function resolveCursorSigningKey(options: {
  readonly configured?: string;
  readonly dataDir: string;
  readonly production: boolean;
}): Promise<string> {
  if (options.configured) return options.configured;
  if (options.production) throw new Error("CURSOR_SIGNING_KEY is required in production");
  if (options.dataDir.startsWith("memory://")) return randomKey();
  const path = join(options.dataDir, "cursor-signing.key");
  try {
    const existing = (await Deno.readTextFile(path)).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const key = randomKey();
  await Deno.mkdir(options.dataDir, { recursive: true });
  await Deno.writeTextFile(path, key + "\n", { mode: 0o600 });
  return key;
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
