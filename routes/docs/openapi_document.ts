import type { OpenAPIHono } from "@hono/zod-openapi";
import { PUBLIC, routeRequirement } from "../../domain/access/mod.ts";
import type { AppEnv } from "../app/env.ts";
import { type ConfiguredLimits, withConfiguredLimits } from "../app/configured_limits.ts";

export const API_TITLE = "Logging & Audit Service API";

/**
 * Registers the bearer scheme and returns the OpenAPI 3.1 document of `app`,
 * with the bounds of this deployment's configuration.
 */
export function openApiDocument(
  app: OpenAPIHono<AppEnv>,
  version: string,
  limits: ConfiguredLimits,
) {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A JWT with the caller's roles (and allowed services) in its claims.",
  });
  const document = app.getOpenAPI31Document({
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
  return withConfiguredLimits(withAccessMetadata(document), limits);
}

type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;

/**
 * Security requirements and operation ids come from the access matrix and
 * the route template, so the document cannot drift from what is enforced:
 * public routes declare `security: []`, the others the bearer scheme and the
 * permission they need (`x-required-permission`).
 */
function withAccessMetadata(document: Document): Document {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const template = path.replaceAll(/\{([^}]+)\}/g, ":$1");
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const requirement = routeRequirement(method, template);
      operation.operationId ??= operationId(method, path);
      if (requirement === PUBLIC) {
        operation.security = [];
      } else {
        operation.security ??= [{ bearerAuth: [] }];
        (operation as Record<string, unknown>)["x-required-permission"] = requirement ?? "none";
      }
    }
  }
  return document;
}

/** `GET /api/v1/logs/recent/{service}` → `getLogsRecentByService`. */
function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1/, "").split("/").filter(Boolean).map((part) =>
    part.startsWith("{") ? `by_${part.slice(1, -1)}` : part
  ).flatMap((part) => part.split(/[^A-Za-z0-9]+/)).filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}
