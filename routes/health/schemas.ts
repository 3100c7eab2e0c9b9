import { z } from "@hono/zod-openapi";

export const DependencyStatusSchema = z.object({
  name: z.string().openapi({ example: "database" }),
  kind: z.string().openapi({ example: "postgres" }),
  required: z.boolean(),
  status: z.enum(["up", "down"]),
  latency_ms: z.number().openapi({ example: 1.4 }),
  detail: z.string().optional().openapi({ example: "cluster status green" }),
}).openapi("DependencyStatus");

export const HealthReportSchema = z.object({
  status: z.enum(["up", "degraded", "down"]),
  ready: z.boolean(),
  mode: z.enum(["embedded", "production", "mixed"]).openapi({ example: "embedded" }),
  version: z.string().openapi({ example: "0.1.0" }),
  uptime_seconds: z.number(),
  dependencies: z.array(DependencyStatusSchema),
}).openapi("HealthReport");

export const ProbeSchema = z.object({
  status: z.enum(["up", "down"]),
}).openapi("Probe");
