import { nativeSha256Hex } from "../crypto/native_sha256.ts";

/** One versioned migration: `NNNN_name.up.sql` with its `.down.sql`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  readonly down: string;
  /** SHA-256 of the up script, to notice a migration edited after it ran. */
  readonly checksum: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.(up|down)\.sql$/;

/** The folder the service ships its migrations in. */
export const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/**
 * Reads and pairs the migration files of `dir`, ordered by version. A missing
 * half, a duplicate version or a stray file name is an error: better to stop
 * at start-up than to half-apply a schema.
 */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const halves = new Map<number, { name: string; up?: string; down?: string }>();
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".sql")) continue;
    const match = FILE.exec(entry.name);
    if (!match) throw new Error(`migration file name not understood: ${entry.name}`);
    const [, versionText, name, direction] = match;
    const version = Number(versionText);
    const pair = halves.get(version) ?? { name: name! };
    if (pair.name !== name) throw new Error(`two migrations share version ${versionText}`);
    pair[direction as "up" | "down"] = await Deno.readTextFile(new URL(entry.name, dir));
    halves.set(version, pair);
  }
  const migrations: Migration[] = [];
  for (const [version, pair] of [...halves].sort(([a], [b]) => a - b)) {
    if (pair.up === undefined || pair.down === undefined) {
      throw new Error(`migration ${version} needs both .up.sql and .down.sql`);
    }
    migrations.push({
      version,
      name: pair.name,
      up: pair.up,
      down: pair.down,
      checksum: nativeSha256Hex(pair.up),
    });
  }
  return migrations;
}
