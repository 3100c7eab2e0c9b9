import type { MiddlewareHandler } from "hono";
import type { HttpMetrics } from "../../domain/observability/mod.ts";
import type { AppEnv } from "../app/env.ts";
import { routeTemplate } from "./route_template.ts";

/** Counts and times every request by route template, plus an access log line. */
export function httpMetrics(options: { metrics: HttpMetrics }): MiddlewareHandler<AppEnv> {
  return async function httpMetricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const labels = {
      method: c.req.method,
      route: routeTemplate(c) ?? "unmatched",
      status: String(c.res.status),
    };
    options.metrics.requestServed(labels, seconds);
    c.get("logger").info("request handled", {
      "http.request.method": labels.method,
      "url.path": c.req.path,
      "http.route": labels.route,
      "http.response.status_code": c.res.status,
      "event.duration": Math.round(seconds * 1e9),
    });
  };
}
