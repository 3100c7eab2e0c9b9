/**
 * Test signing keys and tokens: an RS256 key pair made per test process, a
 * verifier configured like production (PEM public key), and a minting helper
 * whose every claim can be overridden to build the bad tokens of the auth
 * tests.
 */
import * as jose from "jose";
import type { Role } from "../../domain/access/mod.ts";
import { createTokenVerifier, type TokenVerifier } from "../../infra/auth/mod.ts";

export const TEST_ISSUER = "https://idp.test";
export const TEST_AUDIENCE = "logging-audit-service";

const { publicKey, privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
export const TEST_PUBLIC_PEM = await jose.exportSPKI(publicKey);
export { privateKey as TEST_PRIVATE_KEY };

/** The `JWT_*` settings of a service that trusts the test tokens (spread into a config). */
export const TEST_JWT_SETTINGS = {
  JWT_PUBLIC_KEY: TEST_PUBLIC_PEM,
  JWT_ISSUER: TEST_ISSUER,
  JWT_AUDIENCE: TEST_AUDIENCE,
} as const;

/** A verifier set up as a production deployment with a PEM key would be. */
export function testVerifier(): Promise<TokenVerifier> {
  return createTokenVerifier({
    keySource: { kind: "pem", pem: TEST_PUBLIC_PEM },
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    algorithms: ["RS256", "ES256", "EdDSA"],
    clockSkewSeconds: 30,
    rolesClaim: "roles",
    servicesClaim: "services",
  });
}

export interface MintOptions {
  readonly sub?: string;
  readonly roles?: readonly Role[];
  readonly services?: readonly string[];
  /** Seconds from now; `null` leaves `exp` out. */
  readonly expiresIn?: number | null;
  readonly notBefore?: number;
  readonly issuer?: string;
  readonly audience?: string;
}

/** A valid RS256 token unless an option says otherwise. */
export async function mintToken(options: MintOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new jose.SignJWT({
    roles: options.roles ?? ["admin"],
    services: options.services ?? [],
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setSubject(options.sub ?? "user-1")
    .setIssuer(options.issuer ?? TEST_ISSUER)
    .setAudience(options.audience ?? TEST_AUDIENCE)
    .setIssuedAt(now);
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 300));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return await jwt.sign(privateKey);
}

/** `Authorization` header for a role. */
export async function authHeader(
  role: Role,
  options: MintOptions = {},
): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken({ roles: [role], ...options })}` };
}
