/**
 * The composition root: builds every dependency of the service from the
 * configuration — adapters, migrations, token verifier, worker pool, masking,
 * audit trail, log features, upkeep jobs — and the HTTP layer's dependencies
 * over them. `main.ts` serves what this returns; tests and tools that need
 * the whole service call it too, replacing parts through the options.
 * @module
 */
import type { TokenVerifier } from "../domain/access/mod.ts";
import { authFromConfig } from "../infra/auth/mod.ts";
import { cachedVerifier } from "../infra/auth/cached_verifier.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import { createMetrics, type Metrics, registerWorkerPoolMetrics } from "../infra/metrics/mod.ts";
import { migrateUp } from "../infra/postgres/mod.ts";
import type { AppDeps } from "../routes/app/create_app.ts";
import { createWorkerPool, defaultPoolSize, type WorkerPool } from "../workers/pool.ts";
import { type Adapters, buildAdapters } from "./adapters.ts";
import { baseAppDeps } from "./app_deps.ts";
import { type AuditRuntime, buildAuditRuntime } from "./audit_trail.ts";
import { buildLogFeatures, cursorSigningKey } from "./log_features.ts";
import { startMaintenance } from "./maintenance.ts";
import { buildMasking } from "./masking.ts";
import { buildUserDirectory } from "./user_directory.ts";
import { backupJobs } from "./backups.ts";
import type { BackupVerification } from "../domain/backups/mod.ts";
import { registerBackupMetrics } from "../infra/metrics/backup_metrics.ts";
import { engineHttp } from "../infra/search/setup/mod.ts";

/** What the caller may replace or decide. */
export interface ComposeOptions {
  readonly logger: Logger;
  /** A registry of the caller's; a new one otherwise. */
  readonly metrics?: Metrics;
  /** Replaces the verifier built from the `JWT_*` settings. */
  readonly verifyToken?: TokenVerifier;
  /** False while the service drains; `/health/ready` reports it. */
  readonly accepting?: () => boolean;
  /**
   * Called when the daily backup verification fails (it is logged and measured
   * already): where the alerting feature's `handle_critical_error` is connected.
   */
  readonly onBackupVerificationFailed?: (report: BackupVerification) => Promise<void>;
}

/** The composed service: the app's dependencies and the order to release them in. */
export interface ComposedService {
  readonly deps: AppDeps;
  readonly mode: Adapters["mode"];
  /** Where the keys came from, for the ready log line. */
  readonly keySources: { readonly auth: string; readonly audit: string };
  /** Stops upkeep, flushes pending audit appends, stops the workers, closes connections. */
  close(): Promise<void>;
}

/** Builds the service over what `config` names, embedded counterparts for the rest. */
export async function composeService(
  config: Config,
  options: ComposeOptions,
): Promise<ComposedService> {
  const { logger } = options;
  const metrics = options.metrics ?? createMetrics();
  let adapters: Adapters | undefined;
  let workers: WorkerPool | undefined;
  let audit: AuditRuntime | undefined;
  let maintenance: ReturnType<typeof startMaintenance> | undefined;
  let users: ReturnType<typeof buildUserDirectory>;
  try {
    adapters = await buildAdapters(config, logger, metrics);
    if (config.MIGRATE_ON_START) {
      const applied = await migrateUp(adapters.sql, { onProgress: (m) => logger.info(m) });
      logger.info("database schema is current", { "migrations.applied": applied });
    }
    const auth = options.verifyToken
      ? { verify: options.verifyToken, keyKind: "given" }
      : await authFromConfig(config);
    workers = createWorkerPool({
      size: config.WORKER_POOL_SIZE ?? defaultPoolSize(),
      taskTimeoutMs: config.WORKER_TASK_TIMEOUT_MS,
      maxQueue: config.WORKER_QUEUE_MAX,
      logger,
    });
    const pool = workers;
    registerWorkerPoolMetrics(metrics.registry, () => pool.stats());
    const masking = buildMasking(config, pool);
    const cursorKey = await cursorSigningKey(config);
    users = buildUserDirectory(config, metrics);
    audit = await buildAuditRuntime(config, {
      ...(users ? { users } : {}),
      cursorKey,
      sql: adapters.sql,
      pool,
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
      cursorKey,
    });
    const backups = adapters.search
      ? backupJobs(config, {
        http: engineHttp(adapters.search),
        logger,
        metrics: registerBackupMetrics(metrics.registry),
        ...(config.DATABASE_URL ? { sql: adapters.sql } : {}),
        onVerificationFailed: options.onBackupVerificationFailed ?? (() => Promise.resolve()),
      })
      : [];
    maintenance = startMaintenance(
      [...auditTrail.maintenance, ...logs.maintenance, ...backups],
      logger,
    );
    const upkeep = maintenance;
    const ready = adapters;
    const deps: AppDeps = {
      ...baseAppDeps(config, {
        logger,
        metrics,
        verifyToken: options.verifyToken ?? cachedVerifier(auth.verify),
        checks: ready.checks,
        mode: ready.mode,
        ...(options.accepting ? { accepting: options.accepting } : {}),
      }),
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
      audit: auditTrail.deps,
      logs,
      searches: { history: logs.history, limits: logs.limits },
      ingestBodyLimitBytes: logs.ingestMaxBytes,
    };
    return {
      deps,
      mode: ready.mode,
      keySources: { auth: auth.keyKind, audit: auditTrail.keySource },
      async close() {
        await upkeep.stop();
        await auditTrail.close(); // flushes pending audit appends
        await pool.shutdown({ graceMs: config.SHUTDOWN_GRACE_MS });
        users?.[Symbol.dispose]();
        await ready.close();
      },
    };
  } catch (error) {
    await maintenance?.stop();
    await audit?.close();
    await workers?.shutdown({ graceMs: 0 });
    users?.[Symbol.dispose]();
    await adapters?.close();
    throw error;
  }
}
