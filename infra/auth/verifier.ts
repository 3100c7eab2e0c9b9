import * as jose from "jose";
import { AppError } from "../../domain/errors/mod.ts";
import type { Principal, TokenVerifier } from "../../domain/access/mod.ts";
import { principalFromClaims } from "./claims.ts";

/** Where the verification key comes from. Exactly one. */
export type KeySource =
  | { readonly kind: "jwks"; readonly url: string }
  | { readonly kind: "pem"; readonly pem: string }
  | { readonly kind: "secret"; readonly secret: string }
  | { readonly kind: "jwk"; readonly jwk: jose.JWK };

/** Options of {@linkcode createTokenVerifier}. */
export interface TokenVerifierOptions {
  readonly keySource: KeySource;
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly clockSkewSeconds: number;
  readonly rolesClaim: string;
  readonly servicesClaim: string;
}

export type { TokenVerifier };

const ASYMMETRIC = ["RS256", "ES256", "EdDSA"];

/**
 * Builds the JWT verifier of SPEC S8. Every failure — bad signature, `alg:
 * none`, algorithm confusion, expiry, wrong issuer or audience, missing
 * claims — ends in the same `AUTH_INVALID_TOKEN` error, so a client learns
 * nothing about which check failed; the reason goes to the cause for the log.
 */
export async function createTokenVerifier(options: TokenVerifierOptions): Promise<TokenVerifier> {
  const algorithms = allowedAlgorithms(options);
  const getKey = await keyResolver(options.keySource, algorithms);
  const claimOptions = { rolesClaim: options.rolesClaim, servicesClaim: options.servicesClaim };

  return async function verifyToken(token: string): Promise<Principal> {
    let payload: jose.JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        clockTolerance: options.clockSkewSeconds,
        requiredClaims: ["exp", "iss", "aud", "sub"],
      }));
    } catch (cause) {
      throw new AppError("AUTH_INVALID_TOKEN", { cause });
    }
    const principal = principalFromClaims(payload as Record<string, unknown>, claimOptions);
    if (!principal) throw new AppError("AUTH_INVALID_TOKEN", { cause: "no usable subject" });
    return principal;
  };
}

/** A shared secret only ever verifies HS256; a public key never does. */
function allowedAlgorithms(options: TokenVerifierOptions): string[] {
  if (options.keySource.kind === "secret") return ["HS256"];
  const algorithms = options.algorithms.filter((alg) => ASYMMETRIC.includes(alg));
  if (algorithms.length === 0) throw new Error("no asymmetric algorithm allowed for this key");
  return algorithms;
}

type KeyResolver = jose.JWTVerifyGetKey | Uint8Array;

function keyResolver(source: KeySource, algorithms: string[]): Promise<KeyResolver> {
  switch (source.kind) {
    case "secret":
      return Promise.resolve(new TextEncoder().encode(source.secret));
    case "jwks":
      return Promise.resolve(jose.createRemoteJWKSet(new URL(source.url), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
      }));
    case "pem":
      return byAlgorithm(algorithms, (alg) => jose.importSPKI(source.pem, alg));
    case "jwk":
      return byAlgorithm(algorithms, (alg) => jose.importJWK({ ...source.jwk, alg }, alg));
  }
}

/**
 * A public key belongs to one algorithm family; import it for each allowed
 * algorithm it fits and pick by the token header, refusing the rest.
 */
async function byAlgorithm(
  algorithms: string[],
  importFor: (alg: string) => Promise<jose.CryptoKey | Uint8Array>,
): Promise<jose.JWTVerifyGetKey> {
  const keys = new Map<string, jose.CryptoKey | Uint8Array>();
  for (const alg of algorithms) {
    try {
      keys.set(alg, await importFor(alg));
    } catch {
      // The key does not fit this algorithm; tokens using it will be refused.
    }
  }
  if (keys.size === 0) throw new Error("the configured public key fits none of JWT_ALGORITHMS");
  return (header) => {
    const key = header.alg ? keys.get(header.alg) : undefined;
    if (!key) throw new jose.errors.JOSEAlgNotAllowed("algorithm not allowed for this key");
    return key as jose.CryptoKey;
  };
}
