import * as jose from "jose";
import { join } from "node:path";

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
  const path = join(dataDir, FILE_NAME);
  try {
    return JSON.parse(await Deno.readTextFile(path)) as DevSigningKey;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const { publicKey, privateKey } = await jose.generateKeyPair(DEV_SIGNING_ALGORITHM, {
    extractable: true,
  });
  const key: DevSigningKey = {
    publicJwk: await jose.exportJWK(publicKey),
    privateJwk: await jose.exportJWK(privateKey),
  };
  await Deno.mkdir(dataDir, { recursive: true });
  await Deno.writeTextFile(path, JSON.stringify(key, null, 2), { mode: 0o600, createNew: true })
    .catch((error) => {
      // Another process created it first: use theirs.
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    });
  return JSON.parse(await Deno.readTextFile(path)) as DevSigningKey;
}

/** Reads the development key without creating one. */
export async function readDevSigningKey(dataDir: string): Promise<DevSigningKey | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(join(dataDir, FILE_NAME))) as DevSigningKey;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
