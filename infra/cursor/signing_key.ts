import { loadOrCreateKeyFile } from "../crypto/key_file.ts";

const FILE_NAME = "cursor-signing.key";
const MIN_KEY_LENGTH = 32;

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
  const text = await loadOrCreateKeyFile(options.dataDir, FILE_NAME, () => randomKey() + "\n", {
    accept: (existing) => existing.trim().length >= MIN_KEY_LENGTH,
  });
  return text.trim();
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
