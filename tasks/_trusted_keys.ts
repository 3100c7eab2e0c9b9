/**
 * The public keys an offline check trusts: those of a `--jwks` file (the
 * JSON of GET /api/v1/audit/signing-keys), else the configured signing key's
 * with the retired ones — or the development key under DATA_DIR, as the
 * tasks run outside production.
 * @module
 */
import type * as jose from "jose";
import { loadCheckpointKeys } from "../infra/audit/checkpoint_keys.ts";
import type { Config } from "../infra/config/mod.ts";

/** The keys of `jwksPath`, else of the configuration (read only then). */
export async function trustedPublicKeys(
  jwksPath: string | undefined,
  config: () => Config,
): Promise<readonly jose.JWK[]> {
  if (jwksPath) {
    return (JSON.parse(await Deno.readTextFile(jwksPath)) as { keys: jose.JWK[] }).keys;
  }
  const settings = config();
  const keys = await loadCheckpointKeys({
    signingKey: settings.AUDIT_SIGNING_KEY,
    previousPublicKeys: settings.AUDIT_PREVIOUS_PUBLIC_KEYS,
    dataDir: settings.DATA_DIR,
    production: false,
  });
  return keys.publicJwks;
}
