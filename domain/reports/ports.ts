/**
 * What report generation needs from the outside: audit rows in chunks, the
 * worker pool, the log store's counts, a signer, digests and the job store.
 * @module
 */
import type { AuditEvent, JsonObject } from "../audit/mod.ts";
import type { Role } from "../access/mod.ts";
import type { LogCategory } from "../logs/mod.ts";
import type { ReportPartial } from "./builders/mod.ts";
import type { SubjectLogCount } from "./builders/gdpr.ts";
import type { LogActionCount } from "./builders/security.ts";
import type { EncodedReportRows, ReportRows } from "./report_rows.ts";
import type { RowFocus } from "./row_focus.ts";
import type { ReportSettings } from "./report_settings.ts";
import type { ReportDocument, ReportFormat, ReportParameters, ReportType } from "./report_types.ts";

/** Which audit rows a report reads. */
export interface RowScope {
  /** Inclusive lower bound on `occurred_at`. */
  readonly from: string;
  /** Exclusive upper bound on `occurred_at`. */
  readonly to: string;
  /** GDPR: only events by or about the subject. */
  readonly subject?: {
    readonly id: string;
    /** Metadata paths (key lists) that may name the subject. */
    readonly metadataPaths: readonly (readonly string[])[];
    /** The values that name the subject there: the id, and its masked forms. */
    readonly aliases: readonly string[];
  } | undefined;
  /** Rows that can count in the report (`null`: all); see `row_focus.ts`. */
  readonly focus: RowFocus | null;
  /** Columns to read. */
  readonly columns: readonly (keyof ReportRows)[];
  /** Metadata path of the stated purpose of an access. */
  readonly purposePath: readonly string[];
  /** Metadata path of the number of rows an export carried. */
  readonly countPath: readonly string[];
}

/** One chunk as read. */
export interface RowChunk {
  readonly rows: EncodedReportRows;
  readonly count: number;
}

/** Audit rows for reports, read in short keyset queries (nothing stays open). */
export interface ReportRowSource {
  /** Rows of the scope with `seq <= maxSeq`, counted up to `limit` (more: `limit + 1`). */
  countUpTo(scope: RowScope, maxSeq: number, limit: number): Promise<number>;
  /**
   * The rows of the scope in one window of seqs, `afterSeq < seq <= throughSeq`:
   * windows are independent, so several can be read at once.
   */
  chunk(
    scope: RowScope,
    window: { readonly afterSeq: number; readonly throughSeq: number },
  ): Promise<RowChunk>;
  /** Whole events of the GDPR scope, in chain order, for the Art. 15(3) copy. */
  subjectEvents(
    scope: RowScope,
    options: { readonly afterSeq: number; readonly maxSeq: number; readonly limit: number },
  ): Promise<AuditEvent[]>;
}

/** What a worker folds: one chunk of one report. */
export interface AccumulateInput {
  readonly type: ReportType;
  readonly settings: ReportSettings;
  readonly subject?: string | undefined;
  readonly rows: EncodedReportRows;
}

/** Where the CPU work runs: the worker pool in the service. */
export interface ReportRunner {
  accumulate(input: AccumulateInput): Promise<ReportPartial>;
  render(document: ReportDocument, format: ReportFormat): Promise<Uint8Array>;
}

/** Counts from the log store. */
export interface LogAggregates {
  /** The subject's log events per service and category. */
  subjectCounts(
    userId: string,
    range: { readonly from: Date; readonly to: Date },
  ): Promise<Omit<SubjectLogCount, "retention_days">[]>;
  /** Security-category events per action and outcome. */
  securityCounts(range: { readonly from: Date; readonly to: Date }): Promise<LogActionCount[]>;
}

/** What a report's signature states, besides the content it covers. */
export interface ReportStatement {
  readonly report_id: string;
  readonly type: ReportType;
  readonly format: ReportFormat;
  readonly parameters: ReportParameters;
  readonly generated_at: string;
  readonly chain_head: { readonly seq: number; readonly hash: string };
  readonly content_sha256: string;
  readonly content_length: number;
}

/** Signs a report: a detached JWS over the content, the statement in its protected header. */
export interface ReportSigner {
  sign(content: Uint8Array, statement: ReportStatement): Promise<string>;
}

/** SHA-256, whole or incremental. */
export interface ReportDigest {
  sha256Hex(content: Uint8Array): string;
  incremental(): { update(text: string): void; hex(): string };
}

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "expired"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Who asked for a job: enough to run it later on any instance. */
export interface JobRequester {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly request_id: string;
  readonly user_agent: string | null;
}

/** A finished job's file. */
export interface JobResult {
  readonly content_type: string;
  readonly filename: string;
  readonly size: number;
  readonly sha256: string;
  readonly signature: string;
  /** The JSON document's generation fields, for the job's status. */
  readonly summary: JsonObject;
}

/** A report job. */
export interface ReportJob {
  readonly id: string;
  readonly format: ReportFormat;
  readonly parameters: ReportParameters;
  readonly requester: JobRequester;
  readonly status: JobStatus;
  readonly rows_done: number;
  readonly rows_estimate: number;
  readonly attempts: number;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly expires_at: string;
  readonly error: { readonly code: string; readonly detail: string } | null;
  readonly result: JobResult | null;
}

/** Report jobs in the database: they outlive the instance that took them. */
export interface ReportJobStore {
  create(job: {
    readonly id: string;
    readonly format: ReportFormat;
    readonly parameters: ReportParameters;
    readonly requester: JobRequester;
    readonly rows_estimate: number;
    readonly expires_at: Date;
  }): Promise<ReportJob>;
  get(id: string): Promise<ReportJob | undefined>;
  /** Takes the oldest queued job, or a running one whose owner stopped beating. */
  claim(owner: string, staleBefore: Date): Promise<ReportJob | undefined>;
  /** Records progress; false when the job is no longer this owner's. */
  heartbeat(id: string, owner: string, rowsDone: number): Promise<boolean>;
  /** Puts a job this owner holds back in the queue (shutdown). */
  release(id: string, owner: string): Promise<void>;
  complete(
    id: string,
    owner: string,
    done: { readonly result: JobResult; readonly content: Uint8Array; readonly expiresAt: Date },
  ): Promise<void>;
  fail(
    id: string,
    owner: string,
    error: { readonly code: string; readonly detail: string },
  ): Promise<void>;
  content(id: string): Promise<Uint8Array | undefined>;
  /** Drops the content of jobs past their expiry; returns how many. */
  expire(now: Date): Promise<number>;
}

/** Retention of each log category, as the log store keeps it. */
export type LogRetentionDays = Readonly<Record<LogCategory, number>>;
