import { createRoute } from "@hono/zod-openapi";
import { problemResponses } from "../app/problem_schema.ts";
import { CacheDeleteQuerySchema, CacheDeletionSchema } from "./schemas.ts";

export const deleteEntries = createRoute({
  method: "delete",
  path: "/api/v1/cache",
  tags: ["Operations"],
  security: [{ bearerAuth: [] }],
  summary: "Delete cached answers by key pattern (admin; audited)",
  description: "Removes matching entries from this instance's memory tier and from Redis " +
    "(SCAN and UNLINK, never KEYS); other instances drop their memory tier within the " +
    "generation sync interval and refill from Redis. Recorded as a `cache.delete` audit event.",
  request: { query: CacheDeleteQuerySchema },
  responses: {
    200: {
      description: "How many entries were removed",
      content: { "application/json": { schema: CacheDeletionSchema } },
    },
    ...problemResponses(400, 401, 403, 500, 503),
  },
});
