import * as jose from "jose";
import { loadOrCreateKeyFile, readKeyFile } from "../crypto/key_file.ts";

/** The embedded mode's own ES256 key pair, kept under the data directory. */
export interface DevSigningKey {
  readonly publicJwk: jose.JWK;
  readonly privateJwk: jose.JWK;
}

const FILE_NAME = "dev-signing-key.json";
export const DEV_SIGNING_ALGORITHM = "ES256";

/**
 * Loads the development signing key, creating it on first start. Only used
 * when no JWKS URL, PEM key or secret is configured outside production, so
 * `deno task token` can mint tokens the local service accepts.
 */
export async function loadOrCreateDevSigningKey(dataDir: string): Promise<DevSigningKey> {
  const text = await loadOrCreateKeyFile(dataDir, FILE_NAME, async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair(DEV_SIGNING_ALGORITHM, {
      extractable: true,
    });
    const key: DevSigningKey = {
      publicJwk: await jose.exportJWK(publicKey),
      privateJwk: await jose.exportJWK(privateKey),
    };
    return JSON.stringify(key, null, 2);
  });
  return JSON.parse(text) as DevSigningKey;
}

/** Reads the development key without creating one. */
export async function readDevSigningKey(dataDir: string): Promise<DevSigningKey | undefined> {
  const text = await readKeyFile(dataDir, FILE_NAME);
  return text === undefined ? undefined : JSON.parse(text) as DevSigningKey;
}
