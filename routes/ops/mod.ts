import { Hono } from "hono";
import type { Metrics } from "../../infra/metrics/mod.ts";
import type { AppEnv } from "../app/env.ts";

/** `/metrics` in the Prometheus text format (not part of the JSON API). */
export function metricsRouter(options: { metrics: Metrics }) {
  return new Hono<AppEnv>().get("/metrics", async (c) => {
    const body = await options.metrics.registry.metrics();
    return c.body(body, 200, { "content-type": options.metrics.registry.contentType });
  });
}
