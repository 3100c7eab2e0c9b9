/**
 * The whole service as the composition root builds it from configuration —
 * resilient engine store, cache tiers, breakers, audit trail — served
 * in-process (`app.request`), on a throw-away Postgres database and, when an
 * engine URL is given, a data-stream namespace of its own. For the cache and
 * resilience tests, which must exercise the wiring users run.
 * @module
 */
import type { Role } from "../../domain/access/mod.ts";
import { type ComposedService, composeService } from "../../composition/service.ts";
import { type Config, parseConfig } from "../../infra/config/mod.ts";
import type { TieredCache } from "../../infra/cache/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createMetrics, type Metrics } from "../../infra/metrics/mod.ts";
import { createSearchClient } from "../../infra/search/mod.ts";
import { engineHttp, setupSearchEngine } from "../../infra/search/setup/mod.ts";
import { createApp } from "../../routes/app/create_app.ts";
import { openPostgres, type TestDatabase } from "./databases.ts";
import { authHeader, testVerifier } from "./tokens.ts";

/** A composed service under test. */
export interface ServiceUnderTest {
  readonly config: Config;
  readonly composed: ComposedService;
  readonly metrics: Metrics;
  readonly app: ReturnType<typeof createApp>;
  readonly db: TestDatabase;
  /** The service's own log lines (JSON). */
  readonly logs: string[];
  /** Waits for the cache's writes to Redis (made off the response path). */
  flushCache(): Promise<void>;
  /** A request as `role` (subject `<role>-1` unless given). */
  call(
    path: string,
    options?: {
      role?: Role;
      sub?: string;
      services?: readonly string[];
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** A fresh data-stream namespace with the production templates, on the engine at `url`. */
export async function engineNamespace(url: string): Promise<{
  namespace: string;
  drop(): Promise<void>;
}> {
  const search = createSearchClient("opensearch", { url, timeoutMs: 30_000 });
  const namespace = `t${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await setupSearchEngine(engineHttp(search), { namespace });
  return {
    namespace,
    async drop() {
      await engineHttp(search).request("DELETE", `/_data_stream/logs-*-${namespace}`);
      await search.client.close();
    },
  };
}

/**
 * Composes the service over a fresh database on the Postgres at `postgresUrl`
 * and the settings in `env` (environment-variable names, as in production).
 */
export async function composeTestService(
  postgresUrl: string,
  env: Record<string, string>,
  options: { readonly database?: TestDatabase } = {},
): Promise<ServiceUnderTest> {
  const db = options.database ?? await openPostgres(postgresUrl);
  const dataDir = await Deno.makeTempDir({ prefix: "composed-" });
  const logs: string[] = [];
  const config = parseConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: "4",
    WORKER_POOL_SIZE: "1",
    SEARCH_ENGINE: "opensearch",
    CACHE_KEY_PREFIX: `t${crypto.randomUUID().slice(0, 8)}:`,
    ...env,
  });
  const metrics = createMetrics({ collectDefault: false });
  const composed = await composeService(config, {
    logger: createLogger({
      level: "warn",
      serviceName: "test",
      write: (line) => void logs.push(line),
    }),
    metrics,
    verifyToken: await testVerifier(),
  });
  const app = createApp(composed.deps);
  return {
    config,
    composed,
    metrics,
    app,
    db,
    logs,
    async flushCache() {
      await (composed.deps.logs?.cache as TieredCache | undefined)?.flush();
    },
    async call(path, request = {}) {
      const role = request.role ?? "admin";
      const headers: Record<string, string> = {
        ...await tokenFor(role, request.sub ?? `${role}-1`, request.services),
        ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
        ...request.headers,
      };
      return await app.request(path, {
        method: request.method ?? "GET",
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      });
    },
    async close() {
      await composed.closeTails(0);
      await composed.close();
      if (!options.database) await db.close();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

/** A metric's value from the exposition text (labels as `{name="value"}`). */
export async function metricValue(metrics: Metrics, name: string, labels = ""): Promise<number> {
  const { body } = await metrics.exposition();
  const line = body.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(" ").pop()) : 0;
}

const tokens = new Map<string, Promise<Record<string, string>>>();

/** One token per caller and test process (signing one per request would dominate the timings). */
function tokenFor(role: Role, sub: string, services?: readonly string[]) {
  const id = JSON.stringify([role, sub, services ?? null]);
  let header = tokens.get(id);
  if (!header) {
    header = authHeader(role, {
      sub,
      expiresIn: 3_600,
      ...(services ? { services } : {}),
    });
    tokens.set(id, header);
  }
  return header;
}
