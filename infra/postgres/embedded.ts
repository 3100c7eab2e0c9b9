import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { join } from "node:path";
import type { Logger } from "../logging/mod.ts";

/** A running in-process PGlite, reachable by any Postgres driver on loopback. */
export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with its data under `dataDir` (or in memory for `memory://`)
 * and serves it on a loopback port, so the service talks to it through the
 * same `postgres` driver and SQL as to a real server. PGlite is one session:
 * connect with a pool of one and keep transactions short.
 */
export async function startEmbeddedPostgres(
  options: { dataDir: string; logger?: Logger },
): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith("memory://");
  const dataDir = inMemory ? options.dataDir : join(options.dataDir, "pglite");
  if (!inMemory) await Deno.mkdir(dataDir, { recursive: true });
  const lock = inMemory ? undefined : await lockDataDir(dataDir);
  const started = performance.now();
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
  await server.start();
  const [host = "127.0.0.1", port = "0"] = server.getServerConn().split(":");
  options.logger?.info("embedded database started", {
    "db.system": "pglite",
    "file.directory": dataDir,
    "server.address": `${host}:${port}`,
    "event.duration": Math.round((performance.now() - started) * 1e6),
  });
  return {
    host,
    port: Number(port),
    dataDir,
    async stop() {
      await server.stop();
      await db.close();
      lock?.close();
    },
  };
}

/**
 * PGlite has no multi-process protection of its own: two processes on one
 * data directory would corrupt it. Hold an exclusive lock for the lifetime of
 * the embedded server and refuse to start when another process holds it.
 */
async function lockDataDir(dataDir: string): Promise<Deno.FsFile> {
  const file = await Deno.open(join(dataDir, "..", ".pglite.lock"), { create: true, write: true });
  const locked = file.lock(true).then(() => true);
  const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), 500));
  if (!(await Promise.race([locked, timedOut]))) {
    file.close();
    throw new Error(
      `the embedded database in ${dataDir} is in use by another process ` +
        "(stop the running service first, or set DATA_DIR to another directory)",
    );
  }
  return file;
}
