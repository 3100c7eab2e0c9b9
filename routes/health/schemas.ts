import { z } from "@hono/zod-openapi";

export const DependencyStatusSchema = z.object({
  name: z.string().openapi({ example: "database" }),
  kind: z.string().openapi({ example: "postgres" }),
  required: z.boolean(),
  status: z.enum(["up", "down"]),
  latency_ms: z.number().openapi({ example: 1.4 }),
  detail: z.string().optional().openapi({ example: "cluster status green" }),
}).openapi("DependencyStatus");

export const BreakerStatusSchema = z.object({
  dependency: z.string().openapi({ example: "search:primary" }),
  state: z.enum(["closed", "open", "half_open"]),
  since: z.string().openapi({ example: "2026-12-05T10:00:00.000Z" }),
}).openapi("BreakerStatus");

export const HealthReportSchema = z.object({
  status: z.enum(["up", "degraded", "down"]),
  ready: z.boolean(),
  mode: z.enum(["embedded", "production", "mixed"]).openapi({ example: "embedded" }),
  version: z.string().openapi({ example: "0.1.0" }),
  uptime_seconds: z.number(),
  dependencies: z.array(DependencyStatusSchema),
  breakers: z.array(BreakerStatusSchema).openapi({
    description: "Circuit breakers of the search clusters and Redis",
  }),
}).openapi("HealthReport");

export const ProbeSchema = z.object({
  status: z.enum(["up", "down"]),
}).openapi("Probe");
