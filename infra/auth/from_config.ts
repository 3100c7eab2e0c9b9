import { type Config, ConfigError } from "../config/mod.ts";
import { createTokenVerifier, type KeySource, type TokenVerifier } from "./verifier.ts";
import { DEV_SIGNING_ALGORITHM, loadOrCreateDevSigningKey } from "./dev_signing_key.ts";

/** The verifier the configuration asks for, and where its key came from. */
export interface AuthSetup {
  readonly verify: TokenVerifier;
  readonly keyKind: KeySource["kind"] | "embedded-dev-key";
}

/**
 * Chooses the key source: JWKS URL, PEM key, explicit HS256 secret, or —
 * outside production only — the embedded development key.
 */
export async function authFromConfig(config: Config): Promise<AuthSetup> {
  const common = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    algorithms: config.JWT_ALGORITHMS,
    clockSkewSeconds: config.JWT_CLOCK_SKEW_SECONDS,
    rolesClaim: config.JWT_ROLES_CLAIM,
    servicesClaim: config.JWT_SERVICES_CLAIM,
  };
  let keySource: KeySource | undefined;
  if (config.JWT_JWKS_URL) keySource = { kind: "jwks", url: config.JWT_JWKS_URL };
  else if (config.JWT_PUBLIC_KEY) keySource = { kind: "pem", pem: config.JWT_PUBLIC_KEY };
  else if (config.JWT_HS256_SECRET) keySource = { kind: "secret", secret: config.JWT_HS256_SECRET };
  if (keySource) {
    const verify = await createTokenVerifier({ ...common, keySource }).catch((error) => {
      const setting = keySource.kind === "pem" ? "JWT_PUBLIC_KEY" : "JWT_ALGORITHMS";
      throw new ConfigError([`${setting}: ${(error as Error).message}`]);
    });
    return { verify, keyKind: keySource.kind };
  }
  if (config.APP_ENV === "production") {
    throw new ConfigError([
      "JWT_JWKS_URL: production needs JWT_JWKS_URL, JWT_PUBLIC_KEY or JWT_HS256_SECRET",
    ]);
  }
  const devKey = await loadOrCreateDevSigningKey(config.DATA_DIR);
  const verify = await createTokenVerifier({
    ...common,
    algorithms: [DEV_SIGNING_ALGORITHM],
    keySource: { kind: "jwk", jwk: devKey.publicJwk },
  });
  return { verify, keyKind: "embedded-dev-key" };
}
