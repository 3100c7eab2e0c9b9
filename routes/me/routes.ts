import { createRoute } from "@hono/zod-openapi";
import { problemResponses } from "../app/problem_schema.ts";
import { CallerSchema } from "./schemas.ts";

export const me = createRoute({
  method: "get",
  path: "/api/v1/me",
  tags: ["Identity"],
  summary: "The caller as the service sees it: subject, roles, services, permissions",
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: "The caller", content: { "application/json": { schema: CallerSchema } } },
    ...problemResponses(401, 403),
  },
});
