import { z } from "@hono/zod-openapi";
import { JOB_STATUSES, REPORT_FORMATS, REPORT_TYPES } from "../../domain/reports/mod.ts";

const timestamp = z.iso.datetime({ offset: true });
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.string().nullable().openapi({ example: "2026-01-15T09:30:00.000Z" });
const count = z.number().int();
/** A report's or job's id, as the service issues them (RFC 9562). */
export const ReportIdSchema = z.uuid().openapi({ example: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77" });

const rangeFields = {
  from: timestamp.optional().openapi({
    description: "occurred_at ≥ from (default: 30 days before `to`); before `to` and at most " +
      "REPORT_MAX_RANGE_DAYS from it",
    example: "2026-01-01T00:00:00Z",
  }),
  to: timestamp.optional().openapi({
    description: "occurred_at < to (default: now)",
    example: "2026-02-01T00:00:00Z",
  }),
  async: z.enum(["true", "false"]).optional().openapi({
    description: "`true`: always a job (like `Prefer: respond-async`); `false`: answer " +
      "directly or fail with REPORT_TOO_LARGE; absent: a job above REPORT_DIRECT_MAX_ROWS rows",
  }),
};

/**
 * The data subject: a user id as the audit trail records actors, not blank
 * (it is trimmed; JavaScript's white space includes U+FEFF, written out for
 * regex engines whose `\s` does not).
 */
const subject = z.string().min(1).max(256).regex(/[^\s\uFEFF]/, "must not be blank");

/**
 * A chain position in the query: decimal digits only (a coercion would also
 * take "", " 7", "1e3" or "0x1", which the document's integer does not).
 */
const seqParameter = z.preprocess(
  (value) => typeof value === "string" && /^[0-9]{1,16}$/.test(value) ? Number(value) : value,
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
);

/** The plan's `ComplianceReportRequest`, as query parameters. */
export const ReportQuerySchema = z.object({
  type: z.enum(REPORT_TYPES).openapi({
    description: "The report; an unknown one is refused with REPORT_UNKNOWN_TYPE",
    example: "compliance",
  }),
  ...rangeFields,
  subject: subject.optional().openapi({
    description: "The data subject's user id: required with type=gdpr (else " +
      "REPORT_SUBJECT_REQUIRED), ignored by the other types",
    example: "u-1024",
  }),
  format: z.enum(REPORT_FORMATS).default("json"),
}).strict();

export const GdprQuerySchema = z.object({
  subject: subject.openapi({ description: "The data subject's user id", example: "u-1024" }),
  ...rangeFields,
  format: z.enum([...REPORT_FORMATS, "ndjson"]).default("json").openapi({
    description: "`ndjson`: the Art. 15(3) copy of the subject's audit events",
  }),
  max_seq: seqParameter.optional().openapi({
    description: "format=ndjson: end the copy at this seq (a report's `copy.max_seq`)",
  }),
}).strict();

/** `Prefer` (RFC 7240): `respond-async` asks for a job; other preferences are ignored. */
export const PreferHeaderSchema = z.object({
  prefer: z.string().optional().openapi({
    param: { name: "prefer", in: "header" },
    description: "`respond-async` (RFC 7240) asks for a job (202), unless `async=false`; " +
      "other preferences are ignored",
    example: "respond-async",
  }),
});

export const JobParamsSchema = z.object({
  id: ReportIdSchema.openapi({ param: { name: "id", in: "path" } }),
});

const EventRefSchema = z.object({
  seq: count,
  occurred_at: z.string(),
  actor: z.string(),
  action: z.string(),
  resource: z.string(),
  outcome: z.string(),
}).openapi("ReportEventRef");

const OffenderSchema = z.object({
  actor: z.string(),
  ip: z.string().nullable(),
  count,
  last_seen: iso,
});

const ComplianceDataSchema = z.object({
  requirements: z.array(z.object({
    id: z.string().openapi({ example: "10.2.1.4" }),
    title: z.string(),
    present: z.boolean(),
    count,
    last_seen: iso,
    top_actions: z.array(z.object({ action: z.string(), count })),
  })),
  coverage: z.object({ present: count, of: count }),
  events_by_outcome: z.record(z.string(), count),
  verification: z.object({
    ok: z.boolean(),
    events_checked: count,
    last_seq: count,
    break_count: count,
    first_break: z.object({ seq: count, kind: z.string(), detail: z.string() }).nullable(),
    checkpoints: z.object({ checked: count, matched: count }),
  }).nullable(),
  latest_checkpoint: z.object({
    id: count,
    head_seq: count,
    head_hash: hash,
    signed_at: z.string(),
    key_id: z.string(),
    jws: z.string(),
  }).nullable(),
  retention: z.array(z.object({
    category: z.string().openapi({ example: "logs:security" }),
    retention_days: count,
    immediately_available_days: count,
    expected_days: count,
    meets_pci_10_5_1: z.boolean(),
    meets_spec: z.boolean(),
  })),
}).openapi("ComplianceReportData");

const GdprDataSchema = z.object({
  subject: z.string(),
  events: z.object({
    total: count,
    as_actor: count,
    as_resource: count,
    named_in_metadata: count,
    first_seen: iso,
    last_seen: iso,
    by_action: z.array(z.object({ action: z.string(), count })),
    by_resource_type: z.array(z.object({ resource_type: z.string(), count })),
  }),
  recipients: z.array(z.object({
    actor: z.string(),
    actor_type: z.string(),
    counts: z.record(z.string(), count).openapi({ example: { read: 4, export: 1 } }),
    first_seen: iso,
    last_seen: iso,
  })),
  processing: z.object({
    controller: z.object({ name: z.string(), contact: z.string() }),
    activities: z.array(z.object({
      id: z.string(),
      name: z.string(),
      purposes: z.array(z.string()),
      legal_basis: z.string(),
      data_categories: z.array(z.object({
        name: z.string(),
        retention_days: count.nullable(),
        retention_note: z.string().optional(),
      })),
      recipients: z.array(z.string()),
      source: z.string(),
      resource_types: z.array(z.string()),
      observed: z.boolean(),
    })),
  }).nullable(),
  log_events: z.array(z.object({
    service: z.string(),
    category: z.string(),
    count,
    retention_days: count,
  })).nullable(),
  copy: z.object({
    format: z.literal("ndjson"),
    events: count,
    sha256: hash,
    max_seq: count,
    href: z.string(),
  }),
  truncated: z.boolean(),
}).openapi("GdprReportData");

const PrivacyDataSchema = z.object({
  personal_data_access: z.object({
    total: count,
    by_actor_purpose: z.array(z.object({ actor: z.string(), purpose: z.string(), count })),
  }),
  exports: z.object({
    total: count,
    rows: count,
    by_actor: z.array(z.object({ actor: z.string(), exports: count, rows: count })),
  }),
  unusual_volumes: z.object({
    factor: z.number(),
    minimum: count,
    days: z.array(z.object({
      actor: z.string(),
      day: z.string(),
      reads: count,
      median: z.number(),
      factor: z.number(),
    })),
  }),
  denied: z.object({
    total: count,
    by_actor_action: z.array(z.object({
      actor: z.string(),
      action: z.string(),
      count,
      last_seen: iso,
    })),
  }),
  truncated: z.boolean(),
}).openapi("PrivacyReportData");

const SecurityDataSchema = z.object({
  failed_logins: z.object({ total: count, top: z.array(OffenderSchema) }),
  denied_access: z.object({ total: count, top: z.array(OffenderSchema) }),
  permission_changes: z.object({
    total: count,
    by_actor: z.array(z.object({ actor: z.string(), count })),
    latest: z.array(EventRefSchema),
  }),
  off_hours_admin_actions: z.object({
    business_hours: z.string(),
    time_zone: z.string(),
    admin_actions: count,
    total: count,
    by_actor: z.array(z.object({ actor: z.string(), count, last_seen: iso })),
    latest: z.array(EventRefSchema),
  }),
  security_logs: z.object({
    total: count,
    by_action_outcome: z.array(z.object({ action: z.string(), outcome: z.string(), count })),
  }).nullable(),
  truncated: z.boolean(),
}).openapi("SecurityReportData");

const reportFields = {
  report_id: ReportIdSchema,
  title: z.string(),
  subject: z.string().openapi({ description: "What the report covers, in one line" }),
  generated_at: z.string(),
  generated_by: z.string(),
  chain_head: z.object({ seq: count, hash }).openapi({
    description: "The newest chain link when generation began; later events are not counted",
  }),
  rows_scanned: count,
};

const parameters = (type: z.ZodType) =>
  z.object({ type, from: z.string(), to: z.string(), subject: z.string().optional() });

/** One report type as JSON: its `type`, the common fields, and its data. */
function reportOf<T extends (typeof REPORT_TYPES)[number]>(type: T, data: z.ZodType) {
  return z.object({
    type: z.literal(type),
    parameters: parameters(z.literal(type)),
    ...reportFields,
    data,
  });
}

export const GdprReportSchema = reportOf("gdpr", GdprDataSchema).openapi("GdprReport");

/** The plan's `ComplianceReportResponse`: every report as JSON, its `data` by `type`. */
export const ComplianceReportResponseSchema = z.discriminatedUnion("type", [
  reportOf("compliance", ComplianceDataSchema).openapi("ComplianceReport"),
  GdprReportSchema,
  reportOf("privacy", PrivacyDataSchema).openapi("PrivacyReport"),
  reportOf("security", SecurityDataSchema).openapi("SecurityReport"),
]).openapi("ComplianceReportResponse");

export const ReportJobSchema = z.object({
  id: ReportIdSchema,
  status: z.enum(JOB_STATUSES),
  type: z.enum(REPORT_TYPES),
  format: z.enum(REPORT_FORMATS),
  parameters: parameters(z.enum(REPORT_TYPES)),
  progress: z.object({
    rows_done: count,
    rows_estimate: count.openapi({ description: "At least this many (counted up to a bound)" }),
  }),
  attempts: count,
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  expires_at: z.string(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
  result: z.object({
    content_type: z.string(),
    filename: z.string(),
    size: count,
    sha256: hash,
    signature: z.string().openapi({ description: "Detached JWS (EdDSA, b64=false) of the file" }),
    download: z.string(),
  }).nullable(),
}).openapi("ReportJob");
