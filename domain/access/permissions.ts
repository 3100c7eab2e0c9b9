import type { Role } from "./roles.ts";

/**
 * What a caller may do. Routes name one permission each (see
 * `route_access.ts`); roles are sets of permissions. Keeping both as data
 * makes the matrix reviewable and testable in one place.
 */
export const PERMISSIONS = [
  "self:read",
  "logs:read:app",
  "logs:read:error",
  "logs:read:security",
  "logs:read:unmasked",
  "logs:read:all_services",
  "logs:ingest",
  "searches:use",
  "audit:append",
  "audit:read:own",
  "audit:read:any",
  "audit:export",
  "audit:verify",
  "audit:checkpoint",
  "reports:compliance",
  "reports:security",
  "alerts:read",
  "alerts:create",
  "alerts:write",
  "alert_rules:write",
  "admin:cache",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The RBAC matrix of SPEC S8 (the plan's LogAccessControl). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  security_analyst: [
    "self:read",
    "logs:read:app",
    "logs:read:error",
    "logs:read:security",
    "logs:read:unmasked",
    "logs:read:all_services",
    "searches:use",
    "audit:read:own",
    "reports:security",
    "alerts:read",
    "alerts:write",
  ],
  auditor: [
    "self:read",
    "searches:use",
    "audit:read:own",
    "audit:read:any",
    "audit:export",
    "audit:verify",
    "reports:compliance",
    "alerts:read",
  ],
  developer: [
    "self:read",
    "logs:read:app",
    "logs:read:error",
    "searches:use",
    "audit:read:own",
    "alerts:read",
  ],
  service: ["self:read", "logs:ingest", "audit:append", "audit:read:any", "alerts:create"],
  viewer: ["self:read", "logs:read:app", "searches:use"],
};

/** Union of the permissions of every role held. */
export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}
