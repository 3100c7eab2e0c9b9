import type { Principal } from "./principal.ts";

/**
 * The port the HTTP layer authenticates through: verifies a bearer token and
 * returns who is calling, or throws `AUTH_INVALID_TOKEN`. The JWT adapter in
 * `infra/auth/` implements it.
 */
export type TokenVerifier = (token: string) => Promise<Principal>;
