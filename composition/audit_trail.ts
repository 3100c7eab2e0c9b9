/**
 * Builds the audit trail from configuration for the composition root: the
 * Postgres store, the checkpoint signer and store, the worker-run verifier,
 * the maintenance jobs, and the use cases' dependencies.
 * @module
 */
import {
  type AccessDenied,
  type AuditDeps,
  keepAuditPayload,
  type MaskAuditPayload,
  recordAccessDenied,
  uuidV7,
} from "../domain/audit/mod.ts";
import type { UserDirectory } from "../domain/users/mod.ts";
import type { WorkerPool } from "../workers/pool.ts";
import type { Config } from "../infra/config/mod.ts";
import { nativeSha256Hex } from "../infra/crypto/native_sha256.ts";
import type { Logger } from "../infra/logging/mod.ts";
import type { Metrics } from "../infra/metrics/mod.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { createPostgresAuditStore } from "../infra/postgres/audit/audit_store.ts";
import { createCheckpointStore } from "../infra/postgres/audit/checkpoint_store.ts";
import { applyRetention } from "../infra/postgres/audit/retention.ts";
import { retryAuditReads } from "../infra/postgres/read_retry.ts";
import type { MaintenanceJob } from "./maintenance.ts";
import { poolWalkRunner, type WalkRunner } from "../infra/audit/chain_verification.ts";
import { type CheckpointKeys, loadCheckpointKeys } from "../infra/audit/checkpoint_keys.ts";
import { createStoredChainVerifier } from "../infra/audit/stored_chain_verifier.ts";
import { createHmacTrailCursorCodec } from "../infra/cursor/mod.ts";

const HOUR_MS = 3_600_000;

/** A new UUIDv7 from the clock and the platform's random source. */
export function newEventId(): string {
  return uuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

function walkRunner(options: AuditRuntimeOptions): WalkRunner {
  if (options.runner) return options.runner;
  if (!options.pool) throw new TypeError("the audit trail needs a worker pool or a walk runner");
  return poolWalkRunner(options.pool);
}

/** What {@linkcode buildAuditRuntime} needs besides configuration. */
export interface AuditRuntimeOptions {
  readonly sql: Sql;
  /** Upkeep's connection (retention, partitions), with its own statement timeout; `sql` when absent. */
  readonly maintenanceSql?: Sql;
  /** Where chain walks run: the worker pool, or `runner` when given (tools, benchmarks). */
  readonly pool?: Pick<WorkerPool, "run">;
  readonly runner?: WalkRunner;
  /** Checkpoint keys of the caller's instead of the configured ones. */
  readonly keys?: CheckpointKeys;
  /** The key trail cursors are signed with (the log cursors' key). */
  readonly cursorKey: string;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Names user ids in trails; ids only without it. */
  readonly users?: UserDirectory;
  /** The masker of `changes`/`metadata`; identity until one is wired. */
  readonly maskAuditPayload?: MaskAuditPayload;
  readonly now?: () => Date;
}

/** The audit trail, ready to serve. */
export interface AuditRuntime {
  readonly deps: AuditDeps;
  /** Where the checkpoint signing key came from; the ready log shows it. */
  readonly keySource: CheckpointKeys["source"];
  /** The checkpoint keys (reports are signed with them too). */
  readonly keys: CheckpointKeys;
  /** Records a request refused by the access matrix as an `access.denied` event. */
  recordDenial(denial: AccessDenied): Promise<void>;
  /** Upkeep to schedule: partitions created ahead with retention, and periodic checkpoints. */
  readonly maintenance: readonly MaintenanceJob[];
  /** Waits for pending appends (graceful shutdown; stop the maintenance first). */
  close(): Promise<void>;
}

/** Wires the audit trail over `sql`. */
export async function buildAuditRuntime(
  config: Config,
  options: AuditRuntimeOptions,
): Promise<AuditRuntime> {
  const now = options.now ?? (() => new Date());
  const keys = options.keys ?? await loadCheckpointKeys({
    signingKey: config.AUDIT_SIGNING_KEY,
    previousPublicKeys: config.AUDIT_PREVIOUS_PUBLIC_KEYS,
    dataDir: config.DATA_DIR,
    production: config.APP_ENV === "production",
  });
  const store = createPostgresAuditStore(options.sql, {
    sha256: nativeSha256Hex,
    now,
    metrics: options.metrics,
  });
  const checkpoints = createCheckpointStore(options.sql, { keys, now, metrics: options.metrics });
  const verifier = createStoredChainVerifier(options.sql, {
    runner: walkRunner(options),
    publicJwks: keys.publicJwks,
    chunkRows: config.AUDIT_READ_CHUNK_ROWS,
    metrics: options.metrics,
  });
  const deps: AuditDeps = {
    store: retryAuditReads(store, config.DATABASE_READ_RETRIES),
    checkpoints,
    verifier,
    maskAuditPayload: options.maskAuditPayload ?? keepAuditPayload,
    now,
    newId: newEventId,
    cursors: createHmacTrailCursorCodec({
      key: options.cursorKey,
      ttlSeconds: config.AUDIT_CURSOR_TTL_SECONDS,
    }),
    limits: {
      maxBatch: config.AUDIT_MAX_BATCH,
      futureToleranceMs: config.AUDIT_FUTURE_TOLERANCE_SECONDS * 1000,
      retentionDays: config.AUDIT_RETENTION_DAYS,
      exportChunkRows: config.AUDIT_READ_CHUNK_ROWS,
    },
    reportError: (message, error) => options.logger.error(message, { error }),
    ...(options.users ? { users: options.users } : {}),
  };

  const interval = config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000;
  return {
    deps,
    keySource: keys.source,
    keys,
    recordDenial: (denial) => recordAccessDenied(deps, denial),
    maintenance: [
      {
        name: "audit partitions and retention",
        everyMs: HOUR_MS,
        run: async () => {
          await store.partitions.ensureAhead(now(), config.AUDIT_PARTITIONS_AHEAD);
          const result = await applyRetention(options.maintenanceSql ?? options.sql, {
            keys,
            retentionDays: config.AUDIT_RETENTION_DAYS,
            sha256: nativeSha256Hex,
            partitions: store.partitions,
            newId: newEventId,
            now,
          });
          if (result.dropped.length > 0) {
            options.logger.info("audit retention dropped expired months", {
              "audit.cutoff": result.cutoff,
              "audit.partitions": result.dropped.map((d) => d.partition),
              "audit.rows": result.dropped.reduce((n, d) => n + d.rows, 0),
            });
          }
        },
      },
      {
        name: "audit periodic checkpoint",
        everyMs: interval,
        run: () => checkpoints.createIfDue(interval * 0.9),
      },
    ],
    async close() {
      await store.close();
    },
  };
}
