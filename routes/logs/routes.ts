import { createRoute, z } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import { configuredLimit } from "../app/configured_limits.ts";
import {
  ErrorLogsQuerySchema,
  IngestReportSchema,
  LogSearchPageSchema,
  LogSearchQuerySchema,
  RecentParamsSchema,
  RecentQuerySchema,
  SecurityLogsQuerySchema,
  TailHeadersSchema,
  TailMessageSchema,
  TailQuerySchema,
} from "./schemas.ts";

const tags = ["Logs"];
const security = [{ bearerAuth: [] }];
const page = {
  description: "One page of matching events, newest first unless `sort=oldest`",
  headers: z.object({
    "x-cache": z.enum(["hit", "miss", "stale"]).openapi({
      description: "From the cache, from the store, or a stale cached page while the store fails",
    }),
    age: z.string().optional().openapi({
      description: "Seconds since a cached (or stale) page was computed (RFC 9111)",
      example: "3",
    }),
    "x-search-origin": z.literal("fallback").optional().openapi({
      description: "Present when the read-only fallback cluster answered",
    }),
  }),
  content: { "application/json": { schema: LogSearchPageSchema } },
};

export const search = createRoute({
  method: "get",
  path: "/api/v1/logs/search",
  tags,
  security,
  summary: "Search logs of the services and categories the caller may read",
  request: { query: LogSearchQuerySchema },
  responses: { 200: page, ...problemResponses(400, 401, 403, 500, 503) },
});

export const recent = createRoute({
  method: "get",
  path: "/api/v1/logs/recent/{service}",
  tags,
  security,
  summary: "The newest events of one service (last 24 hours)",
  request: { params: RecentParamsSchema, query: RecentQuerySchema },
  responses: { 200: page, ...problemResponses(400, 401, 403, 500, 503) },
});

export const errors = createRoute({
  method: "get",
  path: "/api/v1/logs/errors",
  tags,
  security,
  summary: "Error logs, optionally grouped by error type with counts",
  request: { query: ErrorLogsQuerySchema },
  responses: { 200: page, ...problemResponses(400, 401, 403, 500, 503) },
});

export const securityLogs = createRoute({
  method: "get",
  path: "/api/v1/logs/security",
  tags,
  security,
  summary: "Security logs: authentication and access events (security roles only)",
  request: { query: SecurityLogsQuerySchema },
  responses: { 200: page, ...problemResponses(400, 401, 403, 500, 503) },
});

/**
 * A batch takes any items — each is a LogEventInput or is refused on its
 * own in the per-item results — while one event sent alone must be valid.
 */
const ingestBodyDoc = {
  oneOf: [
    {
      type: "array" as const,
      minItems: 1,
      items: {
        description: "A LogEventInput; anything else is `rejected` in its item's result",
      },
      ...configuredLimit("ingestEvents"),
    },
    { $ref: "#/components/schemas/LogEventInput" },
  ],
};

export const ingest = createRoute({
  method: "post",
  path: "/api/v1/logs",
  tags,
  security,
  summary: "Ingest events: a JSON array (or one object) or NDJSON; per-item results",
  description: "Each event is validated, masked and filed under its category's data stream. " +
    "Events are idempotent by `event.id`: sending one again reports `duplicate`. " +
    "One invalid event never fails the others: a batch (array or NDJSON) is answered 200 " +
    "with a result per item even when every item is refused; one event sent alone is " +
    "answered 400 when it is refused.",
  request: {
    query: NoQuery,
    body: {
      required: true,
      content: {
        "application/json": { schema: ingestBodyDoc },
        "application/x-ndjson": {
          schema: {
            type: "string",
            pattern: "\\S",
            description: "One JSON event (a LogEventInput) per line; each line is accepted or " +
              "`rejected` on its own",
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: "Per-item outcome, in submission order",
      content: { "application/json": { schema: IngestReportSchema } },
    },
    ...problemResponses(400, 401, 403, 413, 415, 500, 503),
  },
});

export const tail = createRoute({
  method: "get",
  path: "/api/v1/logs/tail",
  tags,
  security,
  summary: "Live tail: new matching events as server-sent events",
  description: "Each event is an SSE message `event: log` whose `id` resumes the tail: " +
    "reconnect with `Last-Event-ID` and nothing in between is missed (within one hour).",
  request: { query: TailQuerySchema, headers: TailHeadersSchema },
  responses: {
    200: {
      description: "A `text/event-stream`: `ready`, then `log` messages; after the configured " +
        "maximum duration a `reconnect` message (with `last_event_id`) and the end of the stream; " +
        "when the instance shuts down a `closing` message (`reason: shutdown`, `last_event_id`) " +
        "and the end of the stream",
      content: { "text/event-stream": { schema: TailMessageSchema } },
    },
    ...problemResponses(400, 401, 403, 429, 500, 503),
  },
});
