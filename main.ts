/**
 * Composition root: read the configuration, build the adapters, build the
 * app, serve it, and shut down in order on SIGTERM/SIGINT.
 */
import { startMaintenance } from "./infra/runtime/maintenance.ts";
import { type AuditRuntime, buildAuditRuntime } from "./infra/audit/audit_runtime.ts";
import { authFromConfig } from "./infra/auth/mod.ts";
import { cachedVerifier } from "./infra/auth/cached_verifier.ts";
import { type Config, loadConfigOrExit } from "./infra/config/mod.ts";
import { createLogger, type Logger } from "./infra/logging/mod.ts";
import { createMetrics, registerWorkerPoolMetrics } from "./infra/metrics/mod.ts";
import { migrateUp } from "./infra/postgres/mod.ts";
import { type Adapters, buildAdapters } from "./infra/runtime/adapters.ts";
import { buildLogFeatures } from "./infra/runtime/log_features.ts";
import { buildMasking } from "./infra/runtime/masking.ts";
import { SERVICE_VERSION } from "./infra/runtime/version.ts";
import { createApp } from "./routes/app/create_app.ts";
import { createStartupGate } from "./routes/app/startup_gate.ts";
import { createWorkerPool, defaultPoolSize, type WorkerPool } from "./workers/pool.ts";

/** A started service, as tests and the entry point hold it. */
export interface RunningService {
  readonly url: string;
  readonly mode: "embedded" | "production" | "mixed";
  stop(): Promise<void>;
}

/** Starts the whole service from a parsed configuration. */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const started = performance.now();
  const gate = createStartupGate();
  const server = Deno.serve(
    { hostname: config.HOST, port: config.PORT, onListen: () => {} },
    gate.fetch,
  );
  const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${server.addr.port}`;
  logger.info(`starting on ${url}`, { "server.port": server.addr.port });

  const metrics = createMetrics();
  let adapters: Adapters | undefined;
  let workers: WorkerPool | undefined;
  let audit: AuditRuntime | undefined;
  let maintenance: ReturnType<typeof startMaintenance> | undefined;
  try {
    adapters = await buildAdapters(config, logger, metrics);
    if (config.MIGRATE_ON_START) {
      const applied = await migrateUp(adapters.sql, { onProgress: (m) => logger.info(m) });
      logger.info("database schema is current", { "migrations.applied": applied });
    }
    const auth = await authFromConfig(config);
    workers = createWorkerPool({
      size: config.WORKER_POOL_SIZE ?? defaultPoolSize(),
      taskTimeoutMs: config.WORKER_TASK_TIMEOUT_MS,
      maxQueue: config.WORKER_QUEUE_MAX,
      logger,
    });
    const pool = workers;
    registerWorkerPoolMetrics(metrics.registry, () => pool.stats());
    const masking = buildMasking(config, workers);
    audit = await buildAuditRuntime(config, {
      sql: adapters.sql,
      pool: workers,
      metrics,
      logger,
      maskAuditPayload: masking.maskAuditPayload,
    });
    const auditTrail = audit;
    const logs = await buildLogFeatures(config, adapters, {
      logger,
      metrics,
      maskEvent: masking.maskEvent,
      maskEvents: masking.maskEvents,
    });
    maintenance = startMaintenance([...auditTrail.maintenance, ...logs.maintenance], logger);
    let accepting = true;
    const app = createApp({
      logger,
      metrics,
      verifyToken: cachedVerifier(auth.verify),
      onDenied: (denial) => {
        logger.warn("access denied", {
          "user.id": denial.principal.id,
          "http.route": denial.route,
          "event.reason": denial.reason,
        });
        return auditTrail.recordDenial(denial).catch((error) =>
          logger.error("access denial could not be recorded in the audit trail", { error })
        );
      },
      health: {
        checks: adapters.checks,
        timeoutMs: config.HEALTH_TIMEOUT_MS,
        mode: adapters.mode,
        version: SERVICE_VERSION,
        startedAt: Date.now(),
        accepting: () => accepting,
      },
      version: SERVICE_VERSION,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      corsOrigins: config.CORS_ORIGINS,
      audit: auditTrail.deps,
      logs,
      searches: { history: logs.history, limits: logs.limits },
      ingestBodyLimitBytes: logs.ingestMaxBytes,
    });
    gate.open(app.fetch);
    logger.info(`ready on ${url} in ${adapters.mode} mode`, {
      "service.mode": adapters.mode,
      "auth.key_source": auth.keyKind,
      "audit.key_source": auditTrail.keySource,
      "event.duration": Math.round((performance.now() - started) * 1e6),
      ...(adapters.mode === "embedded"
        ? {
          hint: `embedded mode: data in ${config.DATA_DIR}; ` +
            "get a token with `deno task token --role admin`",
        }
        : {}),
    });

    const ready = adapters;
    return {
      url,
      mode: ready.mode,
      async stop() {
        accepting = false;
        logger.info("shutting down: draining requests");
        await Promise.race([server.shutdown(), delay(config.SHUTDOWN_GRACE_MS)]);
        await maintenance?.stop();
        await auditTrail.close(); // flushes pending audit appends
        await pool.shutdown({ graceMs: config.SHUTDOWN_GRACE_MS });
        await ready.close();
        logger.info("stopped");
      },
    };
  } catch (error) {
    await server.shutdown();
    await maintenance?.stop();
    await audit?.close();
    await workers?.shutdown({ graceMs: 0 });
    await adapters?.close();
    throw error;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: config.LOG_LEVEL,
    serviceName: config.SERVICE_NAME,
    environment: config.APP_ENV,
  });
  const service = await startService(config, logger);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
}

if (import.meta.main) {
  await main();
}
