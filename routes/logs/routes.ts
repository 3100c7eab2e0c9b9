import { createRoute, z } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  ErrorLogsQuerySchema,
  IngestReportSchema,
  LogSearchPageSchema,
  LogSearchQuerySchema,
  RecentParamsSchema,
  RecentQuerySchema,
  SecurityLogsQuerySchema,
  TailHeadersSchema,
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

const ingestBodyDoc = {
  type: "array" as const,
  maxItems: 100_000,
  items: { $ref: "#/components/schemas/LogEventInput" },
};

export const ingest = createRoute({
  method: "post",
  path: "/api/v1/logs",
  tags,
  security,
  summary: "Ingest events: a JSON array (or one object) or NDJSON; per-item results",
  description: "Each event is validated, masked and filed under its category's data stream. " +
    "Events are idempotent by `event.id`: sending one again reports `duplicate`. " +
    "One invalid event never fails the others.",
  request: {
    query: NoQuery,
    body: {
      required: true,
      content: {
        "application/json": { schema: ingestBodyDoc },
        "application/x-ndjson": {
          schema: { type: "string", description: "One JSON event per line" },
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
      content: { "text/event-stream": { schema: z.string() } },
    },
    ...problemResponses(400, 401, 403, 429, 500, 503),
  },
});
