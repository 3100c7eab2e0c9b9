import type { MiddlewareHandler } from "hono";
import type { HttpMetrics } from "../../domain/observability/mod.ts";
import type { AppEnv } from "../app/env.ts";
import { routeTemplate } from "./route_template.ts";

/**
 * Counts, times and gauges log searches (SPEC S13). Ingestion and the live
 * tail are left out: a tail stays open for minutes and would swamp both the
 * latency histogram and the in-progress gauge.
 */
export function logSearchMetrics(options: { metrics: HttpMetrics }): MiddlewareHandler<AppEnv> {
  const { metrics } = options;
  return async function logSearchMetricsMiddleware(c, next) {
    const route = routeTemplate(c);
    if (c.req.method !== "GET" || route === undefined || route === "/api/v1/logs/tail") {
      return next();
    }
    const ended = metrics.logSearchStarted(route);
    try {
      await next();
    } finally {
      ended(c.res.status);
    }
  };
}
