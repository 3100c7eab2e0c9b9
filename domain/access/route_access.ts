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
  // Logs: `/search` and `/tail` narrow to the categories the caller may read.
  "GET /api/v1/logs/search": "logs:read:app",
  "GET /api/v1/logs/recent/:service": "logs:read:app",
  "GET /api/v1/logs/errors": "logs:read:error",
  "GET /api/v1/logs/security": "logs:read:security",
  "GET /api/v1/logs/tail": "logs:read:app",
  "POST /api/v1/logs": "logs:ingest",
  "GET /api/v1/searches": "searches:use",
  "POST /api/v1/searches": "searches:use",
  "DELETE /api/v1/searches/:id": "searches:use",
  "GET /api/v1/searches/frequent": "searches:use",
  // Audit: a trail is the caller's own unless they hold `audit:read:any` (checked per request).
  "POST /api/v1/audit/events": "audit:append",
  "GET /api/v1/audit/trail/:user_id": "audit:read:own",
  "GET /api/v1/audit/export": "audit:export",
  "GET /api/v1/audit/verify": "audit:verify",
  "GET /api/v1/audit/signing-keys": PUBLIC,
  "GET /api/v1/audit/checkpoints": "audit:verify",
  "POST /api/v1/audit/checkpoints": "audit:checkpoint",
  "GET /api/v1/audit/checkpoints/:id": "audit:verify",
  "DELETE /api/v1/cache": "admin:cache",
  // Alerts: services raise them; people acknowledge, resolve and silence them.
  "GET /api/v1/alerts": "alerts:read",
  "POST /api/v1/alerts": "alerts:create",
  "GET /api/v1/alerts/:id": "alerts:read",
  "POST /api/v1/alerts/:id/acknowledge": "alerts:write",
  "POST /api/v1/alerts/:id/resolve": "alerts:write",
  "GET /api/v1/alerts/silences": "alerts:read",
  "POST /api/v1/alerts/silences": "alerts:write",
  "DELETE /api/v1/alerts/silences/:id": "alerts:write",
  "GET /api/v1/alerts/rules": "alerts:read",
  "POST /api/v1/alerts/rules": "alert_rules:write",
  "GET /api/v1/alerts/rules/:id": "alerts:read",
  "PUT /api/v1/alerts/rules/:id": "alert_rules:write",
  "DELETE /api/v1/alerts/rules/:id": "alert_rules:write",
  // Reports: who may have which report is decided per request (type, subject,
  // GDPR_SELF_SERVICE); refusals there are 403s recorded as `access.denied` too.
  "GET /api/v1/audit/reports/compliance": "self:read",
  "GET /api/v1/audit/compliance/gdpr": "self:read",
  "GET /api/v1/audit/reports/:id": "self:read",
  "GET /api/v1/audit/reports/:id/download": "self:read",
};

/** The requirement of one route, or `undefined` when it is not in the table. */
export function routeRequirement(
  method: string,
  template: string,
): Permission | typeof PUBLIC | undefined {
  return ROUTE_ACCESS[`${method.toUpperCase()} ${template}`];
}
