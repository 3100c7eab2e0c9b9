import { z } from "@hono/zod-openapi";
import {
  ACTION_TYPES,
  ACTOR_TYPES,
  BREAK_KINDS,
  CHECKPOINT_REASONS,
  EXPORT_FORMATS,
  OUTCOMES,
} from "../../domain/audit/mod.ts";
import { ProblemSchema } from "../app/problem_schema.ts";

const text = (max: number) => z.string().min(1).max(max);
const hash = z.string().regex(/^[0-9a-f]{64}$/).openapi({
  example: "9f2c4e0b7d1a3c5e8f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e",
});
const timestamp = z.iso.datetime({ offset: true });

export const AuditActorSchema = z.object({
  id: text(256).openapi({ example: "u-1024" }),
  type: z.enum(ACTOR_TYPES),
  ip: z.union([z.ipv4(), z.ipv6()]).optional().openapi({ example: "203.0.113.7" }),
  user_agent: text(1024).optional(),
}).strict().openapi("AuditActor");

/** An event as a client sends it. `action_type` is checked by the domain (own error code). */
export const AuditEventInputSchema = z.object({
  id: z.uuid().optional().openapi({
    description: "Client event id: the idempotency key (a retry with it stores nothing new). " +
      "Generated (UUIDv7) when absent.",
    example: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77",
  }),
  occurred_at: timestamp.openapi({
    description: "When it happened, with a UTC offset; kept to the millisecond",
    example: "2025-03-01T12:00:00.000Z",
  }),
  tenant_id: text(128).optional().openapi({ example: "acme" }),
  actor: AuditActorSchema,
  action: z.string().max(128).regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, {
    message: "a dotted lower-case name such as document.update",
  }).openapi({ example: "document.update" }),
  action_type: text(64).openapi({
    description: `One of: ${ACTION_TYPES.join(", ")}`,
    example: "update",
  }),
  resource: z.object({
    type: text(128).openapi({ example: "document" }),
    id: text(256).optional().openapi({ example: "doc-42" }),
  }).strict(),
  outcome: z.enum(OUTCOMES),
  reason: text(1024).optional(),
  request_id: text(128).optional(),
  trace_id: text(128).optional(),
  changes: z.object({ before: z.unknown().optional(), after: z.unknown().optional() }).strict()
    .nullable().optional().openapi({
      description: "Before/after images; masked before they are hashed and stored",
      example: { before: { title: "Draft" }, after: { title: "Final" } },
    }),
  metadata: z.record(z.string(), z.unknown()).optional().openapi({ example: { source: "web" } }),
}).strict().openapi("AuditEventInput");

const AppendItemSchema = z.union([AuditEventInputSchema, z.record(z.string(), z.unknown())])
  .openapi({
    description: "An audit event. Each item is validated on its own: an invalid item is " +
      "reported in its result and not stored, the others are.",
  });

export const AppendBodySchema = z.union([
  z.object({ events: z.array(AppendItemSchema).min(1) }).strict(),
  AppendItemSchema,
]).openapi("AuditAppendBody", {
  description: "One event, or `{ events: [...] }` for a batch (at most AUDIT_MAX_BATCH)",
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
  cursor: text(512).optional().openapi({ description: "`next_cursor` of the previous page" }),
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
  before_id: z.coerce.number().int().min(1).optional(),
}).strict();

export const CheckpointListSchema = z.object({
  items: z.array(CheckpointSchema),
}).openapi("AuditCheckpointList");

export const CheckpointParamsSchema = z.object({
  id: z.coerce.number().int().min(1).openapi({ param: { name: "id", in: "path" }, example: 7 }),
});

export const JwksSchema = z.object({
  keys: z.array(z.record(z.string(), z.unknown())),
}).openapi("AuditSigningKeys");
