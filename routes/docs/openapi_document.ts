import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app/env.ts";

export const API_TITLE = "Logging & Audit Service API";

/** Registers the bearer scheme and returns the OpenAPI 3.1 document of `app`. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, version: string) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A JWT with the caller's roles (and allowed services) in its claims.",
  });
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version,
      description:
        "Search service logs, keep a tamper-evident audit trail, and produce compliance reports. " +
        "Errors are RFC 9457 problem documents with a stable `code`.",
      license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
      contact: { name: "Platform team" },
    },
    servers: [{ url: "/", description: "This service" }],
    tags: [
      { name: "Operations", description: "Health, metrics and documentation" },
      { name: "Identity", description: "Who the caller is" },
    ],
  });
}
