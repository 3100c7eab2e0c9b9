import { createRoute } from "@hono/zod-openapi";
import { NoQuery, problemResponses } from "../app/problem_schema.ts";
import { CallerSchema } from "./schemas.ts";

export const me = createRoute({
  method: "get",
  path: "/api/v1/me",
  tags: ["Identity"],
  summary: "The caller as the service sees it: subject, roles, services, permissions",
  security: [{ bearerAuth: [] }],
  request: { query: NoQuery },
  responses: {
    200: { description: "The caller", content: { "application/json": { schema: CallerSchema } } },
    ...problemResponses(400, 401, 403),
  },
});
