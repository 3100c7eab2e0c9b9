import type { Permission } from "./permissions.ts";

/** A route anyone may call, token or not (probes, docs, metrics scraping). */
export const PUBLIC = "public" as const;

/**
 * Every route of the service, keyed `METHOD /template` as Hono writes route
 * templates, and what it requires. A route missing here is refused to every
 * caller (fail closed), and a test compares this table with the routes the app
 * really serves.
 */
export const ROUTE_ACCESS: Readonly<Record<string, Permission | typeof PUBLIC>> = {
  "GET /health": PUBLIC,
  "GET /health/live": PUBLIC,
  "GET /health/ready": PUBLIC,
  "GET /metrics": PUBLIC,
  "GET /openapi.json": PUBLIC,
  "GET /docs": PUBLIC,
  "GET /redoc": PUBLIC,
  "GET /docs/assets/:package/:file": PUBLIC,
  "GET /problems/:code": PUBLIC,
  "GET /api/v1/me": "self:read",
};

/** The requirement of one route, or `undefined` when it is not in the table. */
export function routeRequirement(
  method: string,
  template: string,
): Permission | typeof PUBLIC | undefined {
  return ROUTE_ACCESS[`${method.toUpperCase()} ${template}`];
}
