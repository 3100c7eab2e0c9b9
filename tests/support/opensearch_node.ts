/**
 * A short-lived OpenSearch node of a test's own — same launcher and jars as
 * `tests/services/start.sh`, a small heap, its own port and data directory —
 * for the tests that stop the engine and start it again without touching
 * the node other tests share.
 *
 * The launcher's classpath and Java come from `.services/env`
 * (`TEST_OPENSEARCH_CLASSPATH`, `TEST_OPENSEARCH_JAVA`, written by the start
 * script); without them the test is skipped loudly (or fails under CI).
 * @module
 */
import { isCi } from "./services.ts";

/** A running node. */
export interface OpenSearchNode {
  readonly url: string;
  readonly port: number;
  /** Stops the node (SIGTERM, as an orchestrator would) and waits for the process to end. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it answers green or yellow. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

/** The launcher settings, or `undefined` (with a `SKIPPED` line) when they are not available. */
export function openSearchLauncher(): { java: string; classpath: string } | undefined {
  const java = Deno.env.get("TEST_OPENSEARCH_JAVA")?.trim();
  const classpath = Deno.env.get("TEST_OPENSEARCH_CLASSPATH")?.trim();
  if (java && classpath) return { java, classpath };
  const message = "no OpenSearch launcher (TEST_OPENSEARCH_JAVA, TEST_OPENSEARCH_CLASSPATH) — " +
    "run `deno task services` and `source .services/env`";
  if (isCi()) throw new Error(`CI=true and ${message}`);
  console.error(`SKIPPED (${message})`);
  return undefined;
}

/** A port nobody listens on now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Starts a node with `heapMb` of heap; resolves once it answers. */
export async function startOpenSearchNode(
  launcher: { java: string; classpath: string },
  options: { heapMb?: number; startTimeoutMs?: number } = {},
): Promise<OpenSearchNode> {
  const home = await Deno.makeTempDir({ prefix: "opensearch-node-" });
  const port = freePort();
  const transportPort = freePort();
  const url = `http://127.0.0.1:${port}`;
  const heap = `${options.heapMb ?? 256}m`;
  let child: Deno.ChildProcess | undefined;
  let log = "";

  async function start(): Promise<void> {
    if (child) return;
    const process = new Deno.Command(launcher.java, {
      args: [
        `-Xms${heap}`,
        `-Xmx${heap}`,
        // A test node: quick to start, small, nothing to tune.
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF-8",
        "-cp",
        launcher.classpath,
        "org.loggingaudit.testservices.Launcher",
      ],
      env: {
        OPENSEARCH_HOME: home,
        OPENSEARCH_PORT: String(port),
        OPENSEARCH_TRANSPORT_PORT: String(transportPort),
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    child = process;
    for (const stream of [process.stdout, process.stderr]) {
      (async () => {
        for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
          log = (log + chunk).slice(-8_000);
        }
      })().catch(() => {});
    }
    const until = performance.now() + (options.startTimeoutMs ?? 120_000);
    while (performance.now() < until) {
      const health = await fetch(`${url}/_cluster/health`, { signal: AbortSignal.timeout(1_000) })
        .then(async (r) => (await r.json()) as { status?: string }, () => undefined);
      if (health?.status === "green" || health?.status === "yellow") return;
      const exited = await Promise.race([
        process.status.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 250)),
      ]);
      if (exited) break;
    }
    await stop();
    throw new Error(`the OpenSearch node did not start on ${url}:\n${log}`);
  }

  async function stop(): Promise<void> {
    const process = child;
    if (!process) return;
    child = undefined;
    process.kill("SIGTERM");
    const ended = await Promise.race([
      process.status.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]);
    if (!ended) {
      process.kill("SIGKILL");
      await process.status;
    }
  }

  await start();
  return {
    url,
    port,
    stop,
    start,
    async close() {
      await stop();
      await Deno.remove(home, { recursive: true }).catch(() => {});
    },
  };
}
