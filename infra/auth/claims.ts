import { createPrincipal, isRole, type Principal } from "../../domain/access/mod.ts";

/** Reads a claim by dotted path, so `realm_access.roles` (Keycloak) works too. */
function claimAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Claims may be an array of strings or one space/comma separated string. */
function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Turns verified JWT claims into a principal; unknown roles are dropped. */
export function principalFromClaims(
  payload: Record<string, unknown>,
  options: { rolesClaim: string; servicesClaim: string },
): Principal | undefined {
  const subject = payload.sub;
  if (typeof subject !== "string" || subject === "") return undefined;
  const roles = [...new Set(stringList(claimAt(payload, options.rolesClaim)).filter(isRole))];
  const services = stringList(claimAt(payload, options.servicesClaim));
  return createPrincipal(subject, { roles, services });
}
