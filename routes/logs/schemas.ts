import { z } from "@hono/zod-openapi";
import {
  EVENT_ID,
  EVENT_LIMITS,
  EVENT_OUTCOMES,
  ID_FILTER,
  LABEL_KEY,
  LEVEL_ALIASES,
  LOG_CATEGORIES,
  LOG_LEVELS,
  OPTIONAL_STRING_FIELDS,
  OPTIONAL_STRING_LIMITS,
  type OptionalStringField,
  QUERY_LIMITS,
  SERVICE_NAME,
  TAIL_POSITION,
} from "../../domain/logs/mod.ts";
import { CursorSchema } from "../app/cursor_schema.ts";
import { jsonValueSchema, SafeNumberSchema } from "../app/json_value_schema.ts";
import { configuredLimit } from "../app/configured_limits.ts";

/** A repeatable query parameter (`?service=a&service=b`), always read as a list. */
function repeatable(
  name: string,
  example: string,
  one: z.ZodString | z.ZodEnum = z.string().max(256),
) {
  return z.union([one, z.array(one).max(50)])
    .transform((v): string[] => typeof v === "string" ? [v] : [...(v as string[])])
    .optional()
    .openapi({
      param: { name, in: "query", style: "form", explode: true },
      example: [example],
    });
}

/** The query text of a search (also stored with saved searches). */
export const QueryTextSchema = z.string().max(QUERY_LIMITS.maxLength).openapi({
  description: 'Safe query syntax: words, "phrases", word*, AND/OR/NOT, -word, ( ), and ' +
    "field:value on allowlisted fields (service, level, status:>=500, url.path:/api/*, " +
    "labels.<key>, …). No leading wildcards, regex, fuzzy or scripts.",
  example: 'timeout AND service:checkout NOT "health check"',
});
const q = QueryTextSchema.optional();
/** A point in time of a search window. */
export const InstantSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).openapi({
  description: "ISO 8601 date-time (or a date: midnight UTC)",
});
const instant = (example: string) => InstantSchema.optional().openapi({ example });
/** A trace or user id filter (empty: no filter). */
export const IdFilterSchema = z.union([z.literal(""), z.string().regex(ID_FILTER)]);

/** A service name as events carry it. */
export const ServiceNameSchema = z.string().regex(SERVICE_NAME);

const searchFields = {
  q,
  service: repeatable("service", "checkout", ServiceNameSchema),
  level: repeatable("level", "error", z.enum(LOG_LEVELS)),
  from: instant("2026-11-27T10:00:00Z"),
  to: instant("2026-11-27T10:15:00Z"),
  trace_id: IdFilterSchema.optional().openapi({ example: "4bf92f3577b34da6a3ce929d0e0e4736" }),
  user_id: IdFilterSchema.optional().openapi({ example: "u-1024" }),
  sort: z.enum(["newest", "oldest"]).optional().openapi({ example: "newest" }),
  page_size: z.coerce.number().int().min(1).optional().openapi({
    ...configuredLimit("pageSize"),
    example: 50,
    description: "Events per page (at most the configured maximum)",
  }),
  cursor: CursorSchema.optional(),
};

export const LogSearchQuerySchema = z.object({
  ...searchFields,
  category: z.enum(LOG_CATEGORIES).optional().openapi({ example: "app" }),
}).strict();

export const ErrorLogsQuerySchema = z.object({
  ...searchFields,
  group_by: z.enum(["error.type"]).optional().openapi({
    description: "Adds the most frequent error types with their counts (first page)",
  }),
  groups: z.coerce.number().int().min(1).max(100).optional().openapi({ example: 20 }),
}).strict();

export const SecurityLogsQuerySchema = z.object(searchFields).strict();

export const RecentParamsSchema = z.object({
  service: ServiceNameSchema.openapi({
    param: { name: "service", in: "path" },
    example: "checkout",
  }),
});

export const RecentQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).optional().openapi({
    ...configuredLimit("pageSize"),
    example: 50,
    description: "Events to return (at most the configured maximum page size)",
  }),
  level: repeatable("level", "warn", z.enum(LOG_LEVELS)),
}).strict();

export const TailQuerySchema = z.object({
  q,
  service: repeatable("service", "checkout", ServiceNameSchema),
  level: repeatable("level", "error", z.enum(LOG_LEVELS)),
  category: z.enum(LOG_CATEGORIES).optional(),
}).strict();

/** One server-sent event of the live tail, as an SSE parser hands it over. */
export const TailMessageSchema = z.object({
  event: z.enum(["ready", "log", "reconnect", "closing", "error"]).openapi({
    description: "`ready` once, `log` per event (`data` is a LogEvent), `reconnect` before the " +
      "end of a tail that reached its maximum duration, `closing` when the instance shuts " +
      "down, `error` when the store failed",
  }),
  data: z.string().openapi({ description: "JSON" }),
  id: z.string().optional().openapi({
    description: "On `log`: resume after it with Last-Event-ID",
  }),
  retry: z.number().int().optional(),
}).openapi("TailMessage");

export const TailHeadersSchema = z.object({
  "last-event-id": z.union([z.literal(""), z.string().max(160).regex(TAIL_POSITION)]).optional()
    .openapi({
      description: "Resume after this event: the `id` of a `log` message, `<epoch ms>:<event " +
        "id>` (sent automatically by EventSource on reconnect)",
    }),
});

/**
 * The stored event as the API returns it, derived from the domain's
 * definition (`domain/logs/log_event.ts`: the field lists, closed sets and
 * limits the parser enforces), so the document cannot drift from the parser;
 * `log_event_schema_test.ts` checks that every event the parser accepts
 * validates here.
 */
const optionalStrings = Object.fromEntries(
  OPTIONAL_STRING_FIELDS.map((field) => [
    field,
    z.string().max(OPTIONAL_STRING_LIMITS[field]).optional(),
  ]),
) as { [F in OptionalStringField]: z.ZodOptional<z.ZodString> };

export const LogEventSchema = z.object({
  "event.id": z.string().max(EVENT_LIMITS.idChars),
  "@timestamp": z.string().datetime({ offset: true }),
  "event.ingested": z.string().datetime({ offset: true }),
  message: z.string().max(EVENT_LIMITS.messageChars),
  "log.level": z.enum(LOG_LEVELS),
  "service.name": z.string().max(63),
  "event.category": z.enum(LOG_CATEGORIES),
  "event.outcome": z.enum(EVENT_OUTCOMES).optional(),
  "http.response.status_code": z.number().int().min(100).max(599).optional(),
  ...optionalStrings,
  labels: z.record(z.string().max(64), z.string().max(EVENT_LIMITS.labelValueChars))
    .optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
}).openapi("LogEvent", {
  example: {
    "event.id": "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77",
    "@timestamp": "2026-11-27T10:04:12.345Z",
    "event.ingested": "2026-11-27T10:04:12.410Z",
    message: "Payment gateway timeout",
    "log.level": "error",
    "service.name": "payments",
    "event.category": "error",
    "error.type": "TimeoutError",
    "error.message": "connection timeout after 30s",
    "trace.id": "4bf92f3577b34da6a3ce929d0e0e4736",
  },
});

const TotalSchema = z.object({
  value: z.number().int(),
  relation: z.enum(["eq", "gte"]).openapi({ description: "`gte`: at least this many" }),
}).openapi("HitTotal");

export const LogSearchPageSchema = z.object({
  items: z.array(LogEventSchema),
  total: TotalSchema,
  next_cursor: z.string().nullable(),
  took_ms: z.number(),
  cache: z.enum(["hit", "miss", "stale"]),
  groups: z.array(z.object({ type: z.string(), count: z.number().int() })).optional(),
}).openapi("LogSearchPage");

export const IngestReportSchema = z.object({
  created: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  failed: z.number().int(),
  errors: z.boolean().openapi({ description: "True when any item was rejected or failed" }),
  took_ms: z.number(),
  items: z.array(z.object({
    index: z.number().int(),
    id: z.string().optional(),
    status: z.enum(["created", "duplicate", "rejected", "failed"]),
    category: z.enum(LOG_CATEGORIES).optional(),
    code: z.string().optional().openapi({
      description: "Why a `rejected` item was refused (a problem code, see `/problems/{code}`)",
      example: "LOG_EVENT_INVALID",
    }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    reason: z.string().optional(),
  })),
}).openapi("IngestReport");

/**
 * The event a client sends, as the parser accepts it: ECS fields dotted
 * (`"log.level"`) or nested (`{"log":{"level"}}`), `null` for "absent",
 * and any other member kept under `attributes`. Items are validated one by
 * one by the ingest use case (a bad item fails alone), so this schema
 * documents the body but does not gate it.
 */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
/** An extra member's value: the event with its attributes nests at most `attributesDepth`. */
const attributeValue = jsonValueSchema(EVENT_LIMITS.attributesDepth - 1);
const optionalInputStrings = Object.fromEntries(
  OPTIONAL_STRING_FIELDS.map((field) => [
    field,
    nullable(z.string().max(OPTIONAL_STRING_LIMITS[field])),
  ]),
) as { [F in OptionalStringField]: ReturnType<typeof nullable<z.ZodString>> };

export const LogEventInputDoc = z.object({
  "event.id": nullable(z.string().regex(EVENT_ID)).openapi({
    description: "Idempotency key; generated if absent",
  }),
  "@timestamp": nullable(z.union([
    z.iso.datetime({ offset: true }),
    z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ])).openapi({
    description: "ISO 8601 date-time or epoch milliseconds; now if absent. Not older than the " +
      "category's retention, nor more than 15 minutes ahead.",
  }),
  message: z.string().min(1).max(EVENT_LIMITS.messageChars),
  "log.level": nullable(z.enum(Object.keys(LEVEL_ALIASES) as [string, ...string[]])).openapi({
    description: `One of ${LOG_LEVELS.join(", ")}, or a common alias (\`warning\`, \`crit\`, …)`,
  }),
  "service.name": ServiceNameSchema,
  "event.category": nullable(z.enum([...LOG_CATEGORIES, "application"])).openapi({
    description: "Defaults to error for error/fatal levels, app otherwise",
  }),
  "event.outcome": nullable(z.enum(EVENT_OUTCOMES)),
  "http.response.status_code": nullable(z.union([
    z.number().int().min(100).max(599),
    z.string().regex(/^[1-5][0-9]{2}$/),
  ])),
  ...optionalInputStrings,
  labels: nullable(
    z.record(
      z.string().regex(LABEL_KEY),
      z.union([z.string().max(EVENT_LIMITS.labelValueChars), SafeNumberSchema, z.boolean()]),
    ).openapi(
      // OpenAPI 3.1 (JSON Schema) has `propertyNames`; the 3.0 types this is typed by do not.
      {
        maxProperties: EVENT_LIMITS.labels,
        propertyNames: { pattern: LABEL_KEY.source },
      } as { maxProperties: number },
    ),
  ),
  attributes: nullable(z.record(z.string(), attributeValue)).openapi({
    description: `Free-form; at most ${EVENT_LIMITS.attributesJsonBytes} bytes and ` +
      `${EVENT_LIMITS.attributesDepth} levels, together with the unknown members`,
  }),
}).catchall(attributeValue).openapi({
  description: 'ECS fields, dotted (`"log.level"`) or nested (`{"log":{"level"}}`); ' +
    "unknown fields are kept under `attributes`.",
  example: {
    "@timestamp": "2026-11-27T10:04:12.345Z",
    "service.name": "checkout",
    "log.level": "info",
    message: "Order 1001 created",
  },
});
