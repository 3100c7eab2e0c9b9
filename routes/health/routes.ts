import { createRoute } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import { HealthReportSchema, ProbeSchema } from "./schemas.ts";

const tags = ["Operations"];

export const health = createRoute({
  method: "get",
  path: "/health",
  tags,
  request: { query: NoQuery },
  summary: "Status and latency of every dependency",
  responses: {
    200: {
      description: "All required dependencies answer",
      content: { "application/json": { schema: HealthReportSchema } },
    },
    503: {
      description: "A required dependency does not answer",
      content: { "application/json": { schema: HealthReportSchema } },
    },
    ...problemResponses(400),
  },
});

export const live = createRoute({
  method: "get",
  path: "/health/live",
  tags,
  request: { query: NoQuery },
  summary: "Liveness probe: the process serves requests",
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: ProbeSchema } } },
    ...problemResponses(400),
  },
});

export const ready = createRoute({
  method: "get",
  path: "/health/ready",
  tags,
  request: { query: NoQuery },
  summary: "Readiness probe: every required dependency answers",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ProbeSchema } } },
    503: { description: "Not ready", content: { "application/json": { schema: ProbeSchema } } },
    ...problemResponses(400),
  },
});
