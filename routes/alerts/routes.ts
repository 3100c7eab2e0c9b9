import { createRoute } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import {
  AlertListQuerySchema,
  AlertListSchema,
  AlertSchema,
  CreateAlertBodySchema,
  CreatedAlertSchema,
  IdParamsSchema,
} from "./schemas.ts";

const tags = ["Alerts"];
const security = [{ bearerAuth: [] }];
const json = <S>(schema: S) => ({ content: { "application/json": { schema } } });

export const list = createRoute({
  method: "get",
  path: "/api/v1/alerts",
  tags,
  security,
  summary: "Alerts, newest first, filtered by status, severity, source and time (keyset pages)",
  request: { query: AlertListQuerySchema },
  responses: {
    200: { description: "A page of alerts", ...json(AlertListSchema) },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});

export const get = createRoute({
  method: "get",
  path: "/api/v1/alerts/{id}",
  tags,
  security,
  summary: "One alert with its delivery record per channel",
  request: { params: IdParamsSchema, query: NoQuery },
  responses: {
    200: { description: "The alert", ...json(AlertSchema) },
    ...problemResponses(400, 401, 403, 404, 500, 503),
  },
});

export const create = createRoute({
  method: "post",
  path: "/api/v1/alerts",
  tags,
  security,
  summary:
    "Raise an alert, or count one more occurrence of the unresolved one with its fingerprint",
  request: {
    query: NoQuery,
    body: { required: true, ...json(CreateAlertBodySchema) },
  },
  responses: {
    201: {
      description: "A new alert was opened (or a resolved one reopened)",
      ...json(CreatedAlertSchema),
    },
    200: { description: "Counted on the unresolved alert", ...json(CreatedAlertSchema) },
    ...problemResponses(400, 401, 403, 413, 415, 500, 503),
  },
});

export const acknowledge = createRoute({
  method: "post",
  path: "/api/v1/alerts/{id}/acknowledge",
  tags,
  security,
  summary: "Acknowledge an open alert (who and when are stored; PagerDuty hears of it)",
  request: { params: IdParamsSchema, query: NoQuery },
  responses: {
    200: { description: "Acknowledged", ...json(AlertSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 500, 503),
  },
});

export const resolve = createRoute({
  method: "post",
  path: "/api/v1/alerts/{id}/resolve",
  tags,
  security,
  summary: "Resolve an alert (who and when are stored; resolved in PagerDuty and Alertmanager too)",
  request: { params: IdParamsSchema, query: NoQuery },
  responses: {
    200: { description: "Resolved", ...json(AlertSchema) },
    ...problemResponses(400, 401, 403, 404, 409, 500, 503),
  },
});
