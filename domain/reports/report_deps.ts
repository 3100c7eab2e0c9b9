import type { AuditDeps } from "../audit/mod.ts";
import type { ProcessingRegister } from "./processing_register.ts";
import type {
  LogAggregates,
  LogRetentionDays,
  ReportDigest,
  ReportJobStore,
  ReportRowSource,
  ReportRunner,
  ReportSigner,
} from "./ports.ts";
import type { ReportSettings } from "./report_settings.ts";

/** Bounds and policies of the report API, from configuration. */
export interface ReportLimits {
  /** Above this many rows (estimated) a report is made as a job. */
  readonly directMaxRows: number;
  /** Rows per query and per worker task. */
  readonly chunkRows: number;
  /** Widest `from`–`to` range, in days. */
  readonly maxRangeDays: number;
  /** How long a finished job's file is kept. */
  readonly jobTtlMs: number;
}

/** The GDPR settings. */
export interface GdprSettings {
  /** Metadata paths (dotted in configuration) that may name a data subject. */
  readonly subjectPaths: readonly (readonly string[])[];
  /** Data subjects may ask for their own report. */
  readonly selfService: boolean;
  /** The values naming `subject` in stored metadata: itself, and masked forms where masking is keyed. */
  readonly subjectAliases: (subject: string) => readonly string[];
  /** Art. 30 register; `null` when none is configured. */
  readonly register: ProcessingRegister | null;
}

/** Everything the report use cases need, built by the composition root. */
export interface ReportDeps {
  readonly audit: AuditDeps;
  readonly rows: ReportRowSource;
  readonly runner: ReportRunner;
  /** `null`: the log store is not consulted (its sections say so). */
  readonly logs: LogAggregates | null;
  readonly signer: ReportSigner;
  readonly digest: ReportDigest;
  readonly jobs: ReportJobStore;
  readonly settings: ReportSettings;
  readonly gdpr: GdprSettings;
  readonly limits: ReportLimits;
  readonly logRetentionDays: LogRetentionDays;
  /** Metadata paths of an access's purpose and an export's row count. */
  readonly paths: { readonly purpose: readonly string[]; readonly count: readonly string[] };
  /** Where the API is mounted, for links inside reports (`/api/v1`). */
  readonly apiBase: string;
  /** Wakes the job runner after a job was queued. */
  readonly wakeJobs?: () => void;
}
