import { createRoute } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import { IdParamsSchema, RuleBodySchema, RuleListSchema, RuleSchema } from "./schemas.ts";

const tags = ["Alert rules"];
const security = [{ bearerAuth: [] }];
const json = <S>(schema: S) => ({ content: { "application/json": { schema } } });

export const listRules = createRoute({
  method: "get",
  path: "/api/v1/alerts/rules",
  tags,
  security,
  summary: "Log-based alert rules with their state",
  request: { query: NoQuery },
  responses: {
    200: { description: "Rules by name", ...json(RuleListSchema) },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const getRule = createRoute({
  method: "get",
  path: "/api/v1/alerts/rules/{id}",
  tags,
  security,
  summary: "One rule with the state of each of its groups",
  request: { params: IdParamsSchema, query: NoQuery },
  responses: {
    200: { description: "The rule", ...json(RuleSchema) },
    ...problemResponses(400, 401, 403, 404, 500, 503),
  },
});

export const createRule = createRoute({
  method: "post",
  path: "/api/v1/alerts/rules",
  tags,
  security,
  summary: "Create a rule: a log query counted over a window against a threshold",
  request: { query: NoQuery, body: { required: true, ...json(RuleBodySchema) } },
  responses: {
    201: { description: "Created", ...json(RuleSchema) },
    ...problemResponses(400, 401, 403, 409, 413, 415, 500, 503),
  },
});

export const updateRule = createRoute({
  method: "put",
  path: "/api/v1/alerts/rules/{id}",
  tags,
  security,
  summary: "Replace a rule's definition (its groups start over)",
  request: {
    params: IdParamsSchema,
    query: NoQuery,
    body: { required: true, ...json(RuleBodySchema) },
  },
  responses: {
    200: { description: "Replaced", ...json(RuleSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 500, 503),
  },
});

export const deleteRule = createRoute({
  method: "delete",
  path: "/api/v1/alerts/rules/{id}",
  tags,
  security,
  summary: "Delete a rule (its alerts stay)",
  request: { params: IdParamsSchema, query: NoQuery },
  responses: { 204: { description: "Deleted" }, ...problemResponses(400, 401, 403, 404, 500, 503) },
});
