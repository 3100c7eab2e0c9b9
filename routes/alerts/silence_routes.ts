import { createRoute } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  CreateSilenceBodySchema,
  IdParamsSchema,
  SilenceListQuerySchema,
  SilenceListSchema,
  SilenceSchema,
} from "./schemas.ts";

const tags = ["Alert silences"];
const security = [{ bearerAuth: [] }];
const json = <S>(schema: S) => ({ content: { "application/json": { schema } } });

export const listSilences = createRoute({
  method: "get",
  path: "/api/v1/alerts/silences",
  tags,
  security,
  summary: "Silences in force (or all, with include_expired=true)",
  request: { query: SilenceListQuerySchema },
  responses: {
    200: { description: "Silences", ...json(SilenceListSchema) },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const createSilence = createRoute({
  method: "post",
  path: "/api/v1/alerts/silences",
  tags,
  security,
  summary: "Silence matching alerts from a start to an end (they are stored, not notified)",
  request: { query: NoQuery, body: { required: true, ...json(CreateSilenceBodySchema) } },
  responses: {
    201: { description: "Created", ...json(SilenceSchema) },
    ...problemResponses(400, 401, 403, 413, 415, 500, 503),
  },
});

export const expireSilence = createRoute({
  method: "delete",
  path: "/api/v1/alerts/silences/{id}",
  tags,
  security,
  summary: "End a silence now",
  request: { params: IdParamsSchema, query: NoQuery },
  responses: {
    200: { description: "Expired", ...json(SilenceSchema) },
    ...problemResponses(400, 401, 403, 404, 500, 503),
  },
});
