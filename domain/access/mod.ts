export { isRole, type Role, ROLES } from "./roles.ts";
export { type Permission, PERMISSIONS, permissionsOf, ROLE_PERMISSIONS } from "./permissions.ts";
export { PUBLIC, ROUTE_ACCESS, routeRequirement } from "./route_access.ts";
export { can, createPrincipal, type Principal, readableServices } from "./principal.ts";
export type { TokenVerifier } from "./token_verifier.ts";
