import type { Role } from "./roles.ts";
import { type Permission, permissionsOf } from "./permissions.ts";

/** Who is calling, as established from a verified token. */
export interface Principal {
  /** The token subject: a user id or a service id. */
  readonly id: string;
  readonly roles: readonly Role[];
  /**
   * Services whose logs the caller may read; `"*"` in the list means all.
   * Only restricts roles without `logs:read:all_services`.
   */
  readonly services: readonly string[];
  readonly permissions: ReadonlySet<Permission>;
}

/** Builds a principal, deriving permissions from roles. */
export function createPrincipal(
  id: string,
  options: { roles: readonly Role[]; services?: readonly string[] },
): Principal {
  return {
    id,
    roles: options.roles,
    services: options.services ?? [],
    permissions: permissionsOf(options.roles),
  };
}

/** True when the principal holds `permission`. */
export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/**
 * The services whose logs the principal may read: `"all"` or an explicit list
 * (possibly empty).
 */
export function readableServices(principal: Principal): "all" | readonly string[] {
  if (can(principal, "logs:read:all_services") || principal.services.includes("*")) return "all";
  return principal.services;
}
