import { z } from "@hono/zod-openapi";
import {
  ACTION_TYPES,
  ACTOR_TYPES,
  BREAK_KINDS,
  CHECKPOINT_REASONS,
  EXPORT_FORMATS,
  MAX_PAYLOAD_DEPTH,
  OUTCOMES,
} from "../../domain/audit/mod.ts";
import { configuredLimit } from "../app/configured_limits.ts";
import { CursorSchema } from "../app/cursor_schema.ts";
import { jsonValueSchema } from "../app/json_value_schema.ts";
import { ProblemSchema } from "../app/problem_schema.ts";

const text = (max: number) => z.string().min(1).max(max);
/** A value inside `changes` or `metadata`: the policy nests them at most MAX_PAYLOAD_DEPTH deep. */
const payloadValue = jsonValueSchema(MAX_PAYLOAD_DEPTH - 1);
const hash = z.string().regex(/^[0-9a-f]{64}$/).openapi({
  example: "9f2c4e0b7d1a3c5e8f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e",
});
const timestamp = z.iso.datetime({ offset: true });
/** At most millisecond digits that matter: the trail keeps milliseconds. */
const MILLISECONDS = /^[^.]*(?:\.\d{1,3}0*)?(?:Z|[+-]\d{2}:\d{2})$/;
/** An identifier in a path or query: a row number. */
const rowId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const AuditActorSchema = z.object({
  id: text(256).openapi({ example: "u-1024" }),
  type: z.enum(ACTOR_TYPES),
  ip: z.union([z.ipv4().openapi({ format: "ipv4" }), z.ipv6().openapi({ format: "ipv6" })])
    .nullable().optional().openapi({ example: "203.0.113.7" }),
  user_agent: text(1024).nullable().optional(),
}).strict().openapi("AuditActor");

/**
 * Members the trail assigns, as an export writes them: accepted so that an
 * exported event can be sent again (the id makes that idempotent), and not
 * stored — the receiving trail assigns its own position, time and hashes.
 */
const assignedByTrail = {
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  recorded_at: timestamp.optional(),
  recorded_by: text(256).optional(),
  prev_hash: hash.optional(),
  hash: hash.optional(),
};

/** An event as a client sends it. `action_type` is checked by the domain (own error code). */
export const AuditEventInputSchema = z.object({
  id: z.uuid().optional().openapi({
    description: "Client event id: the idempotency key (a retry with it stores nothing new). " +
      "Generated (UUIDv7) when absent.",
    example: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77",
  }),
  occurred_at: timestamp.regex(MILLISECONDS).openapi({
    format: "date-time",
    description: "When it happened, with a UTC offset; kept to the millisecond (finer digits " +
      "are refused). Within the retention period and at most AUDIT_FUTURE_TOLERANCE_SECONDS " +
      "ahead.",
    example: "2025-03-01T12:00:00.000Z",
  }),
  tenant_id: text(128).nullable().optional().openapi({ example: "acme" }),
  actor: AuditActorSchema,
  action: z.string().max(128).regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, {
    message: "a dotted lower-case name such as document.update",
  }).openapi({ example: "document.update" }),
  action_type: z.enum(ACTION_TYPES).openapi({ example: "update" }),
  resource: z.object({
    type: text(128).openapi({ example: "document" }),
    id: text(256).nullable().optional().openapi({ example: "doc-42" }),
  }).strict(),
  outcome: z.enum(OUTCOMES),
  reason: text(1024).nullable().optional(),
  request_id: text(128).nullable().optional(),
  trace_id: text(128).nullable().optional(),
  changes: z.object({ before: payloadValue.optional(), after: payloadValue.optional() })
    .strict()
    .nullable().optional().openapi({
      description: "Before/after images; masked before they are hashed and stored",
      example: { before: { title: "Draft" }, after: { title: "Final" } },
    }),
  metadata: z.record(z.string(), payloadValue).optional().openapi({
    example: { source: "web" },
  }),
  ...assignedByTrail,
}).strict().openapi("AuditEventInput", {
  description: "Optional members may be absent or null. `seq`, `recorded_at`, `recorded_by`, " +
    "`prev_hash` and `hash` are accepted (an exported event can be sent again) and not stored: " +
    "the receiving trail assigns its own.",
});

const AppendItemSchema = z.union([
  AuditEventInputSchema,
  z.record(z.string(), payloadValue),
]).openapi({
  description: "An audit event. Each item is validated on its own: an invalid item is " +
    "reported in its result and not stored, the others are.",
});

export const AppendBodySchema = z.union([
  z.object({
    events: z.array(AppendItemSchema).min(1).openapi(configuredLimit("auditBatch")),
  }).strict(),
  AuditEventInputSchema,
]).openapi("AuditAppendBody", {
  description: "One event (refused whole when invalid), or `{ events: [...] }` for a batch " +
    "(at most AUDIT_MAX_BATCH; each item accepted or refused on its own)",
});

export const AuditEventSchema = z.object({
  seq: z.number().int().openapi({ example: 1024 }),
  id: z.string().openapi({ example: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77" }),
  occurred_at: z.string().openapi({ example: "2025-03-01T12:00:00.000Z" }),
  recorded_at: z.string().openapi({ example: "2025-03-01T12:00:00.120Z" }),
  recorded_by: z.string().openapi({ example: "svc-documents" }),
  tenant_id: z.string(),
  actor: z.object({
    id: z.string(),
    type: z.enum(ACTOR_TYPES),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
  }),
  action: z.string(),
  action_type: z.enum(ACTION_TYPES),
  resource: z.object({ type: z.string(), id: z.string().nullable() }),
  outcome: z.enum(OUTCOMES),
  reason: z.string().nullable(),
  request_id: z.string().nullable(),
  trace_id: z.string().nullable(),
  changes: z.object({ before: z.unknown(), after: z.unknown() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  prev_hash: hash,
  hash,
}).openapi("AuditEvent");

const StoredResultSchema = z.object({
  index: z.number().int(),
  status: z.enum(["created", "duplicate"]).openapi({
    description: "`duplicate`: this id was stored before with the same content (a retry)",
  }),
  id: z.string(),
  seq: z.number().int(),
  hash,
});

const RejectedResultSchema = z.object({
  index: z.number().int(),
  status: z.literal("rejected"),
  problem: ProblemSchema,
});

export const AppendResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(z.union([StoredResultSchema, RejectedResultSchema])),
}).openapi("AuditAppendResult");

const filterFields = {
  from: timestamp.optional().openapi({ description: "occurred_at ≥ from" }),
  to: timestamp.optional().openapi({ description: "occurred_at < to" }),
  action: text(128).optional().openapi({ example: "document.update" }),
  action_type: z.enum(ACTION_TYPES).optional(),
  resource_type: text(128).optional(),
  resource_id: text(256).optional(),
  outcome: z.enum(OUTCOMES).optional(),
};

export const TrailParamsSchema = z.object({
  user_id: text(256).openapi({ param: { name: "user_id", in: "path" }, example: "u-1024" }),
});

export const TrailQuerySchema = z.object({
  ...filterFields,
  page_size: z.coerce.number().int().min(1).max(500).default(50),
  cursor: CursorSchema.optional(),
}).strict();

/** Names from the user service; an unreachable one degrades this, never the answer. */
export const DisplayNamesSchema = z.object({
  status: z.enum(["complete", "degraded", "disabled"]).openapi({
    description: "`degraded`: the user service could not name some ids (or names are from an " +
      "expired cache entry); `disabled`: no user service is configured",
  }),
  names: z.record(z.string(), z.string()).openapi({ example: { "u-1042": "Jin Park" } }),
  detail: z.string().optional().openapi({ example: "user service unavailable: circuit open" }),
}).openapi("DisplayNames");

export const TrailPageSchema = z.object({
  items: z.array(AuditEventSchema),
  next_cursor: z.string().nullable(),
  summary: z.object({
    total: z.number().int(),
    by_action_type: z.record(z.string(), z.number().int()).openapi({
      example: { read: 12, update: 3 },
    }),
  }),
  display_names: DisplayNamesSchema,
}).openapi("AuditTrailPage");

export const ExportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default("ndjson"),
  user_id: text(256).optional(),
  tenant_id: text(128).optional(),
  ...filterFields,
}).strict();

const ChainBreakSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(BREAK_KINDS),
  detail: z.string(),
}).openapi("AuditChainBreak");

export const VerificationReportSchema = z.object({
  ok: z.boolean(),
  events_checked: z.number().int(),
  first_break: ChainBreakSchema.nullable(),
  breaks: z.array(ChainBreakSchema),
  break_count: z.number().int(),
  last_seq: z.number().int(),
  retention_gaps_crossed: z.number().int(),
  checkpoints: z.object({
    checked: z.number().int(),
    matched: z.number().int(),
    pruned: z.number().int(),
  }),
  head: z.object({ seq: z.number().int(), hash }),
  duration_ms: z.number(),
  events_per_second: z.number(),
}).openapi("AuditVerificationReport");

export const CheckpointSchema = z.object({
  id: z.number().int(),
  head_seq: z.number().int(),
  head_hash: hash,
  signed_at: z.string(),
  key_id: z.string(),
  reason: z.enum(CHECKPOINT_REASONS),
  jws: z.string().openapi({ description: "Compact JWS (EdDSA) over the statement" }),
}).openapi("AuditCheckpoint");

export const CheckpointListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before_id: rowId.optional(),
}).strict();

export const CheckpointListSchema = z.object({
  items: z.array(CheckpointSchema),
}).openapi("AuditCheckpointList");

export const CheckpointParamsSchema = z.object({
  id: rowId.openapi({ param: { name: "id", in: "path" }, example: 7 }),
});

export const JwksSchema = z.object({
  keys: z.array(z.record(z.string(), z.unknown())),
}).openapi("AuditSigningKeys");
