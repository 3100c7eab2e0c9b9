import { createRoute } from "@hono/zod-openapi";
import { HealthReportSchema, ProbeSchema } from "./schemas.ts";

const tags = ["Operations"];

export const health = createRoute({
  method: "get",
  path: "/health",
  tags,
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
  },
});

export const live = createRoute({
  method: "get",
  path: "/health/live",
  tags,
  summary: "Liveness probe: the process serves requests",
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: ProbeSchema } } },
  },
});

export const ready = createRoute({
  method: "get",
  path: "/health/ready",
  tags,
  summary: "Readiness probe: every required dependency answers",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ProbeSchema } } },
    503: { description: "Not ready", content: { "application/json": { schema: ProbeSchema } } },
  },
});
