/**
 * The service the log search benchmark calls: the application as `main.ts`
 * composes it through `composition/` (cached token verifier, the configured masking with its worker
 * pool, cursors, history where a database is at hand), served on a loopback
 * port so requests pay what a client's would.
 * @module
 */
import * as jose from "jose";
import { DEFAULT_SEARCH_LIMITS } from "../domain/logs/mod.ts";
import { createTokenVerifier } from "../infra/auth/mod.ts";
import { cachedVerifier } from "../infra/auth/cached_verifier.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { createHmacCursorCodec } from "../infra/cursor/mod.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { createSearchHistoryRepository } from "../infra/postgres/search_history_repository.ts";
import { baseAppDeps } from "../composition/app_deps.ts";
import { buildMasking } from "../composition/masking.ts";
import { createApp } from "../routes/app/create_app.ts";
import { createWorkerPool, defaultPoolSize } from "../workers/pool.ts";
import type { BenchTarget } from "./log_bench_targets.ts";

/** The running service and how to call it. */
export interface BenchService {
  readonly url: string;
  readonly headers: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Serves the application over `target.store`. The caller is an admin, who
 * holds `logs:read:unmasked` like the direct path does, so reads are not
 * masked; ingestion is masked exactly as in production (default `MASK_*`).
 */
export async function serveBenchApp(target: BenchTarget): Promise<BenchService> {
  const { publicKey, privateKey } = await jose.generateKeyPair("ES256");
  const verifyToken = await createTokenVerifier({
    keySource: { kind: "pem", pem: await jose.exportSPKI(publicKey) },
    issuer: "bench",
    audience: "logging-audit-service",
    algorithms: ["ES256"],
    clockSkewSeconds: 30,
    rolesClaim: "roles",
    servicesClaim: "services",
  });
  const token = await new jose.SignJWT({ roles: ["admin"], services: [] })
    .setProtectedHeader({ alg: "ES256" })
    .setSubject("bench-admin")
    .setIssuer("bench")
    .setAudience("logging-audit-service")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
  const config = parseConfig({});
  const pool = createWorkerPool({
    size: config.WORKER_POOL_SIZE ?? defaultPoolSize(),
    taskTimeoutMs: config.WORKER_TASK_TIMEOUT_MS,
    maxQueue: config.WORKER_QUEUE_MAX,
  });
  const masking = buildMasking(config, pool);
  const history = target.sql ? createSearchHistoryRepository(target.sql) : undefined;
  const app = createApp({
    ...baseAppDeps(config, {
      logger: createLogger({ level: "fatal", serviceName: "bench", write: () => {} }),
      metrics: createMetrics({ collectDefault: false }),
      verifyToken: cachedVerifier(verifyToken), // as the composition root wraps it
      mode: "mixed",
    }),
    bodyLimitBytes: 1024 * 1024,
    ingestBodyLimitBytes: 64 * 1024 * 1024,
    logs: {
      store: target.store,
      cursors: await createHmacCursorCodec({ key: crypto.randomUUID().repeat(2), ttlSeconds: 300 }),
      ...(history ? { history } : {}),
      maskEvent: masking.maskEvent,
      maskEvents: masking.maskEvents,
      limits: DEFAULT_SEARCH_LIMITS,
      ingestMaxEvents: 100_000,
      tailPollMs: 1000,
      newId: () => crypto.randomUUID(),
      onBackgroundError: (error) => console.error("bench: background work failed", error),
    },
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    headers: { authorization: `Bearer ${token}` },
    async close() {
      await server.shutdown();
      await pool.shutdown({ graceMs: 1000 });
    },
  };
}
