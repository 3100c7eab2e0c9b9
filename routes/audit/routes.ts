import { createRoute, z } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  AppendBodySchema,
  AppendResultSchema,
  CheckpointListQuerySchema,
  CheckpointListSchema,
  CheckpointParamsSchema,
  CheckpointSchema,
  ExportQuerySchema,
  JwksSchema,
  TrailPageSchema,
  TrailParamsSchema,
  TrailQuerySchema,
  VerificationReportSchema,
} from "./schemas.ts";

const tags = ["Audit"];
const security = [{ bearerAuth: [] }];
const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });

export const appendEvents = createRoute({
  method: "post",
  path: "/api/v1/audit/events",
  tags,
  security,
  summary: "Append one audit event or a batch to the hash chain",
  description: "Idempotent by event `id`: a retry stores nothing new and reports `duplicate`. " +
    "In a batch each event is judged on its own; the accepted ones are stored atomically. " +
    "When the store is unavailable nothing is stored and the answer is 503: retry with the same ids.",
  request: { query: NoQuery, body: { required: true, content: json(AppendBodySchema) } },
  responses: {
    201: {
      description: "Every event stored (or already stored)",
      content: json(AppendResultSchema),
    },
    207: {
      description: "Batch with rejected events: see each result's problem",
      content: json(AppendResultSchema),
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 500, 503),
  },
});

export const trail = createRoute({
  method: "get",
  path: "/api/v1/audit/trail/{user_id}",
  tags,
  security,
  summary: "A user's audit trail, newest first, with counts by action type",
  description: "Users read their own trail; `audit:read:any` reads anyone's. The read itself " +
    "is recorded as an `audit.read` event.",
  request: { params: TrailParamsSchema, query: TrailQuerySchema },
  responses: {
    200: { description: "One page", content: json(TrailPageSchema) },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const exportEvents = createRoute({
  method: "get",
  path: "/api/v1/audit/export",
  tags,
  security,
  summary: "Export audit events as CSV or NDJSON, streamed, in chain order",
  description: "No row cap; read in short keyset-paginated queries as the client consumes the " +
    "body. Bounded by the chain head when it starts. CSV cells a spreadsheet would evaluate " +
    "are prefixed with `'`. Recorded as `audit.export` events (start and end, with row count).",
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: "The export",
      content: {
        "text/csv": { schema: z.string() },
        "application/x-ndjson": { schema: z.string() },
      },
    },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const verify = createRoute({
  method: "get",
  path: "/api/v1/audit/verify",
  tags,
  security,
  summary: "Verify the hash chain and the signed checkpoints",
  description: "Walks the whole chain in a worker; names the first broken seq and the kind of " +
    "break (edited, deleted, inserted, reordered, checkpoint_mismatch).",
  request: { query: NoQuery },
  responses: {
    200: {
      description: "Verification result (ok or not)",
      content: json(VerificationReportSchema),
    },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const listCheckpoints = createRoute({
  method: "get",
  path: "/api/v1/audit/checkpoints",
  tags,
  security,
  summary: "Signed checkpoints, newest first",
  request: { query: CheckpointListQuerySchema },
  responses: {
    200: { description: "Checkpoints", content: json(CheckpointListSchema) },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const createCheckpoint = createRoute({
  method: "post",
  path: "/api/v1/audit/checkpoints",
  tags,
  security,
  summary: "Sign a checkpoint of the current chain head now",
  request: { query: NoQuery },
  responses: {
    201: { description: "The new checkpoint", content: json(CheckpointSchema) },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const getCheckpoint = createRoute({
  method: "get",
  path: "/api/v1/audit/checkpoints/{id}",
  tags,
  security,
  summary: "One signed checkpoint",
  request: { params: CheckpointParamsSchema, query: NoQuery },
  responses: {
    200: { description: "The checkpoint", content: json(CheckpointSchema) },
    ...problemResponses(400, 401, 403, 404, 500, 503),
  },
});

export const signingKeys = createRoute({
  method: "get",
  path: "/api/v1/audit/signing-keys",
  tags,
  summary: "Public keys (JWKS) that verify checkpoint signatures",
  description: "Public: anyone can check a checkpoint offline with these keys.",
  request: { query: NoQuery },
  responses: {
    200: { description: "JWKS", content: json(JwksSchema) },
    ...problemResponses(400, 503),
  },
});
