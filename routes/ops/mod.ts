import { createRoute, z } from "@hono/zod-openapi";
import type { HttpMetrics } from "../../domain/observability/mod.ts";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import { createRouter } from "../app/router.ts";

const metricsRoute = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["Operations"],
  summary: "Prometheus metrics (text exposition format)",
  request: { query: NoQuery },
  responses: {
    200: {
      description: "Current metric values",
      content: {
        "text/plain": {
          schema: z.string().openapi({ example: "# HELP http_requests_total …" }),
        },
      },
    },
    ...problemResponses(400),
  },
});

/** `/metrics` for Prometheus scraping. */
export function metricsRouter(options: { metrics: HttpMetrics }) {
  return createRouter().openapi(metricsRoute, async (c) => {
    const { body, contentType } = await options.metrics.exposition();
    return c.text(body, 200, { "content-type": contentType });
  });
}
