import type { MiddlewareHandler } from "hono";
import type { Metrics } from "../../infra/metrics/mod.ts";
import type { AppEnv } from "../app/env.ts";
import { routeTemplate } from "./route_template.ts";

/** Counts and times every request by route template, plus an access log line. */
export function httpMetrics(options: { metrics: Metrics }): MiddlewareHandler<AppEnv> {
  return async function httpMetricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const labels = {
      method: c.req.method,
      route: routeTemplate(c) ?? "unmatched",
      status: String(c.res.status),
    };
    options.metrics.httpRequestsTotal.inc(labels);
    options.metrics.httpRequestDuration.observe(labels, seconds);
    c.get("logger").info("request handled", {
      "http.request.method": labels.method,
      "url.path": c.req.path,
      "http.route": labels.route,
      "http.response.status_code": c.res.status,
      "event.duration": Math.round(seconds * 1e9),
    });
  };
}
