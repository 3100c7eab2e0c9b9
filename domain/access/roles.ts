/** The roles of SPEC S8. A token may carry several; unknown ones are ignored. */
export const ROLES = [
  "admin",
  "security_analyst",
  "auditor",
  "developer",
  "service",
  "viewer",
] as const;

export type Role = (typeof ROLES)[number];

/** True when `value` names a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
