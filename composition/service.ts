/**
 * The composition root: builds every dependency of the service from the
 * configuration — adapters, migrations, token verifier, worker pool, masking,
 * audit trail, log features, upkeep jobs — and the HTTP layer's dependencies
 * over them. `main.ts` serves what this returns; tests and tools that need
 * the whole service call it too, replacing parts through the options.
 * @module
 */
import type { TokenVerifier } from "../domain/access/mod.ts";
import type { CircuitBreakers } from "../domain/resilience/mod.ts";
import { authFromConfig } from "../infra/auth/mod.ts";
import { cachedVerifier } from "../infra/auth/cached_verifier.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import {
  createMetrics,
  type Metrics,
  registerBreakerMetrics,
  registerWorkerPoolMetrics,
} from "../infra/metrics/mod.ts";
import { migrateUp } from "../infra/postgres/mod.ts";
import type { AppDeps } from "../routes/app/create_app.ts";
import { createWorkerPool, defaultPoolSize, type WorkerPool } from "../workers/pool.ts";
import { type Adapters, buildAdapters } from "./adapters.ts";
import { baseAppDeps } from "./app_deps.ts";
import { type AlertingRuntime, buildAlerting } from "./alerting.ts";
import { type AuditRuntime, buildAuditRuntime } from "./audit_trail.ts";
import { buildCache } from "./cache.ts";
import { watchAudit, watchBreakers, watchRetention, workerQueueJob } from "./critical_sources.ts";
import { buildLogFeatures, cursorSigningKey } from "./log_features.ts";
import { startMaintenance } from "./maintenance.ts";
import { buildMasking } from "./masking.ts";
import { buildReportRuntime, type ReportRuntime } from "./reports.ts";
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
  /** Alerting: the breaker seam, the critical-error entry, drains for tools. */
  readonly alerting: AlertingRuntime;
  readonly mode: Adapters["mode"];
  /** Where the keys came from, for the ready log line. */
  readonly keySources: { readonly auth: string; readonly audit: string };
  /**
   * The circuit breakers of the search clusters and Redis: their states, and
   * every transition as it happens (alerting subscribes here).
   */
  readonly breakers: CircuitBreakers;
  /** Sends open live tails a `closing` event and ends them (first step of shutdown). */
  closeTails(waitMs: number): Promise<void>;
  /**
   * Stops upkeep, flushes pending audit appends, search history and cache
   * writes, stops the workers, closes connections (Postgres, search, Redis).
   */
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
  let reports: ReportRuntime | undefined;
  let maintenance: ReturnType<typeof startMaintenance> | undefined;
  let alerting: AlertingRuntime | undefined;
  let users: ReturnType<typeof buildUserDirectory>;
  try {
    adapters = await buildAdapters(config, logger, metrics);
    registerBreakerMetrics(metrics.registry, adapters.breakers);
    if (config.MIGRATE_ON_START) {
      const applied = await migrateUp(adapters.maintenanceSql, {
        onProgress: (m) => logger.info(m),
      });
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
      maintenanceSql: adapters.maintenanceSql,
      pool,
      metrics,
      logger,
      maskAuditPayload: masking.maskAuditPayload,
    });
    const auditTrail = audit;
    const cache = buildCache(config, {
      ...(adapters.redis ? { redis: adapters.redis } : {}),
      ...(adapters.redisAdmin ? { redisAdmin: adapters.redisAdmin } : {}),
      breakers: adapters.breakers,
      metrics,
      logger,
      pool,
    });
    const logs = await buildLogFeatures(config, adapters, {
      logger,
      metrics,
      maskEvent: masking.maskEvent,
      maskEvents: masking.maskEvents,
      cursorKey,
      ...(cache ? { cache } : {}),
    });
    alerting = buildAlerting(config, {
      sql: adapters.sql,
      logStore: logs.store,
      audit: auditTrail.deps,
      masker: masking.masker,
      metrics,
      logger,
      soleInstance: adapters.embeddedPostgres !== undefined,
    });
    const alerts = alerting;
    const stopWatchingBreakers = watchBreakers(adapters.breakers, alerts);
    reports = await buildReportRuntime(config, {
      sql: adapters.sql,
      ...(adapters.search ? { search: adapters.search } : {}),
      audit: auditTrail.deps,
      keys: auditTrail.keys,
      pool,
      maskAuditPayload: masking.maskAuditPayload,
      deterministicMasking: config.MASK_HMAC_KEY !== undefined,
      logger,
    });
    const reporting = reports;
    const backups = adapters.search
      ? backupJobs(config, {
        http: engineHttp(adapters.search),
        logger,
        metrics: registerBackupMetrics(metrics.registry),
        ...(config.DATABASE_URL ? { sql: adapters.sql } : {}),
        // `handle_critical_error`: a failed verification raises an alert, the next good one resolves it.
        onVerificationFailed: options.onBackupVerificationFailed ?? ((report) => {
          alerts.critical({
            kind: "backup_verification_failed",
            subject: report.repository,
            ...(report.reason ? { message: report.reason } : {}),
          });
          return Promise.resolve();
        }),
        onVerified: (report) => {
          alerts.cleared("backup_verification_failed", report.repository);
          return Promise.resolve();
        },
      })
      : [];
    maintenance = startMaintenance([
      ...watchRetention([...auditTrail.maintenance, ...logs.maintenance], alerts),
      ...alerts.maintenance,
      workerQueueJob(pool, config.WORKER_QUEUE_MAX, alerts),
      ...reporting.maintenance,
      ...backups,
    ], logger);
    const upkeep = maintenance;
    const ready = adapters;
    const deps: AppDeps = {
      ...baseAppDeps(config, {
        logger,
        metrics,
        verifyToken: options.verifyToken ?? cachedVerifier(auth.verify),
        checks: ready.checks,
        mode: ready.mode,
        breakers: ready.breakers,
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
      audit: watchAudit(auditTrail.deps, alerts),
      alerts: { alerts: alerts.deps, rules: alerts.rules },
      reports: reporting.deps,
      logs,
      searches: {
        history: logs.history,
        limits: logs.limits,
        ...(cache ? { cache } : {}),
        cacheTtls: logs.cacheTtls,
      },
      ...(cache ? { cacheAdmin: { cache, audit: auditTrail.deps } } : {}),
      ingestBodyLimitBytes: logs.ingestMaxBytes,
    };
    return {
      deps,
      alerting: alerts,
      mode: ready.mode,
      keySources: { auth: auth.keyKind, audit: auditTrail.keySource },
      breakers: ready.breakers,
      closeTails: (waitMs) => logs.closeTails(waitMs),
      async close() {
        await upkeep.stop();
        stopWatchingBreakers();
        await reporting.close(); // hands an unfinished report job back to the queue
        await alerts.close();
        await auditTrail.close(); // flushes pending audit appends
        await logs.flush(); // search history written off the response path
        await cache?.flush(); // delayed invalidations, writes to Redis in flight
        await pool.shutdown({ graceMs: config.SHUTDOWN_GRACE_MS });
        users?.[Symbol.dispose]();
        await ready.close();
      },
    };
  } catch (error) {
    await maintenance?.stop();
    await alerting?.close();
    await reports?.close();
    await audit?.close();
    await workers?.shutdown({ graceMs: 0 });
    users?.[Symbol.dispose]();
    await adapters?.close();
    throw error;
  }
}
