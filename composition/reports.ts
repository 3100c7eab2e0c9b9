/**
 * Builds the reports from configuration for the composition root: the row
 * source and job store on the database, the pool runner, the log store's
 * counts, the signer (the checkpoint key), the settings and files validated
 * at start-up, the job runner and the expiry of old jobs.
 * @module
 */
import type { AuditDeps, AuditPayload } from "../domain/audit/mod.ts";
import { LOG_RETENTION_DAYS } from "../domain/logs/mod.ts";
import { DEFAULT_PCI_MAPPING, type ReportDeps } from "../domain/reports/mod.ts";
import type { CheckpointKeys } from "../infra/audit/checkpoint_keys.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";
import { createPostgresLogAggregates } from "../infra/postgres/logs/log_aggregates.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { createReportJobStore } from "../infra/postgres/reports/report_job_store.ts";
import { createReportRowSource } from "../infra/postgres/reports/report_row_source.ts";
import { loadPciMapping, loadProcessingRegister } from "../infra/reports/report_files.ts";
import {
  inlineReportRunner,
  nativeReportDigest,
  poolReportRunner,
} from "../infra/reports/report_runner.ts";
import { createReportSigner } from "../infra/reports/report_signature.ts";
import type { SearchClient } from "../infra/search/mod.ts";
import { createEngineLogAggregates } from "../infra/search/logs/log_aggregates.ts";
import type { WorkerPool } from "../workers/pool.ts";
import type { MaintenanceJob } from "./maintenance.ts";
import { type ReportJobRunner, startReportJobRunner } from "./report_jobs.ts";

export interface ReportRuntimeOptions {
  readonly sql: Sql;
  readonly search?: SearchClient;
  readonly audit: AuditDeps;
  readonly keys: CheckpointKeys;
  /** Where chunks and rendering run; inline when absent (tools). */
  readonly pool?: Pick<WorkerPool, "run">;
  /** Audit payload masking, for the masked forms of a subject's id. */
  readonly maskAuditPayload?: (payload: AuditPayload) => AuditPayload;
  /** Keyed (HMAC) masking: masked values identify what they hide. */
  readonly deterministicMasking?: boolean;
  readonly logger: Logger;
  /** Start the job runner (off for tools that only generate). */
  readonly runJobs?: boolean;
  /** Identifies this instance as a job owner. */
  readonly owner?: string;
}

export interface ReportRuntime {
  readonly deps: ReportDeps;
  readonly maintenance: readonly MaintenanceJob[];
  /** Stops the job runner, handing back an unfinished job. */
  close(): Promise<void>;
}

const dotted = (path: string) => path.split(".");

/** Wires the reports; rejects when a configured report file does not validate. */
export async function buildReportRuntime(
  config: Config,
  options: ReportRuntimeOptions,
): Promise<ReportRuntime> {
  const register = config.GDPR_PROCESSING_REGISTER
    ? await loadProcessingRegister(config.GDPR_PROCESSING_REGISTER)
    : null;
  const pciMapping = config.REPORT_PCI_MAPPING
    ? await loadPciMapping(config.REPORT_PCI_MAPPING)
    : DEFAULT_PCI_MAPPING;
  const subjectPaths = config.GDPR_SUBJECT_PATHS.map(dotted);
  let runner: ReportJobRunner | undefined;
  const deps: ReportDeps = {
    audit: options.audit,
    rows: createReportRowSource(options.sql),
    runner: options.pool ? poolReportRunner(options.pool) : inlineReportRunner,
    logs: options.search
      ? createEngineLogAggregates(options.search, config.LOG_NAMESPACE)
      : createPostgresLogAggregates(options.sql),
    signer: createReportSigner(options.keys),
    digest: nativeReportDigest,
    jobs: createReportJobStore(options.sql),
    settings: {
      pciMapping,
      personalDataResourceTypes: config.REPORT_PERSONAL_DATA_RESOURCES,
      adminActions: config.REPORT_ADMIN_ACTIONS,
      adminActionTypes: config.REPORT_ADMIN_ACTION_TYPES,
      businessHours: config.REPORT_BUSINESS_HOURS,
      timeZone: config.REPORT_TIME_ZONE,
      topN: config.REPORT_TOP_N,
      unusualFactor: config.REPORT_UNUSUAL_FACTOR,
      unusualMinimum: config.REPORT_UNUSUAL_MIN_READS,
      maxGroups: config.REPORT_MAX_GROUPS,
    },
    gdpr: {
      subjectPaths,
      selfService: config.GDPR_SELF_SERVICE,
      register,
      subjectAliases: subjectAliases(subjectPaths, options),
    },
    limits: {
      directMaxRows: config.REPORT_DIRECT_MAX_ROWS,
      chunkRows: config.REPORT_CHUNK_ROWS,
      maxRangeDays: config.REPORT_MAX_RANGE_DAYS,
      jobTtlMs: config.REPORT_JOB_TTL_SECONDS * 1000,
    },
    logRetentionDays: LOG_RETENTION_DAYS,
    paths: { purpose: dotted(config.REPORT_PURPOSE_PATH), count: dotted(config.REPORT_ROWS_PATH) },
    apiBase: "/api/v1",
    wakeJobs: () => runner?.wake(),
  };
  if (options.runJobs ?? true) {
    runner = startReportJobRunner(deps, {
      owner: options.owner ?? `${Deno.hostname()}:${Deno.pid}:${crypto.randomUUID().slice(0, 8)}`,
      pollMs: config.REPORT_JOB_POLL_SECONDS * 1000,
      staleMs: config.REPORT_JOB_STALE_SECONDS * 1000,
      logger: options.logger,
    });
  }
  options.logger.info("reports ready", {
    "reports.processing_register": register ? register.activities.length : "none",
    "reports.pci_mapping": config.REPORT_PCI_MAPPING ? "configured" : "default",
  });
  return {
    deps,
    maintenance: [{
      name: "report job expiry",
      everyMs: 600_000,
      run: () => deps.jobs.expire(options.audit.now()),
    }],
    close: async () => {
      await runner?.stop();
    },
  };
}

/**
 * With keyed masking a subject's id named in metadata was stored masked to
 * the same token every time, so that token names the subject too; plain
 * masking (`j***@…`) is not specific to one person and is never matched.
 */
function subjectAliases(
  paths: readonly (readonly string[])[],
  options: ReportRuntimeOptions,
): (subject: string) => readonly string[] {
  const mask = options.maskAuditPayload;
  if (!options.deterministicMasking || !mask) return () => [];
  return (subject) => {
    const aliases = new Set<string>();
    for (const path of paths) {
      const metadata = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), subject);
      let value: unknown = mask({ changes: null, metadata: metadata as never }).metadata;
      for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
      if (typeof value === "string" && value !== subject) aliases.add(value);
    }
    return [...aliases];
  };
}
