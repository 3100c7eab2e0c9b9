import { createRoute } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  FrequentQuerySchema,
  SavedSearchListSchema,
  SavedSearchSchema,
  SaveSearchBodySchema,
  SearchIdParamsSchema,
} from "./schemas.ts";

const tags = ["Searches"];
const security = [{ bearerAuth: [] }];
const list = {
  content: { "application/json": { schema: SavedSearchListSchema } },
};

export const listSaved = createRoute({
  method: "get",
  path: "/api/v1/searches",
  tags,
  security,
  summary: "The caller's saved searches",
  request: { query: NoQuery },
  responses: {
    200: { description: "Saved searches by name", ...list },
    ...problemResponses(401, 403, 500, 503),
  },
});

export const save = createRoute({
  method: "post",
  path: "/api/v1/searches",
  tags,
  security,
  summary: "Save a search under a name (validated as if it were run)",
  request: {
    query: NoQuery,
    body: { required: true, content: { "application/json": { schema: SaveSearchBodySchema } } },
  },
  responses: {
    201: {
      description: "Saved",
      content: { "application/json": { schema: SavedSearchSchema } },
    },
    ...problemResponses(400, 401, 403, 409, 415, 500, 503),
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/api/v1/searches/{id}",
  tags,
  security,
  summary: "Unsave one of the caller's saved searches (its history stays)",
  request: { params: SearchIdParamsSchema, query: NoQuery },
  responses: {
    204: { description: "Unsaved" },
    ...problemResponses(400, 401, 403, 404, 500, 503),
  },
});

export const frequent = createRoute({
  method: "get",
  path: "/api/v1/searches/frequent",
  tags,
  security,
  summary: "The caller's most-run searches",
  request: { query: FrequentQuerySchema },
  responses: {
    200: { description: "Most runs first, then most recent", ...list },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});
