/**
 * The Ed25519 key that signs audit checkpoints, and the public keys that
 * verify them (the current one plus retired ones, so old checkpoints stay
 * verifiable after a rotation). Keys are identified by their RFC 7638
 * thumbprint.
 * @module
 */
import * as jose from "jose";
import { loadOrCreateKeyFile } from "../crypto/key_file.ts";
import { ConfigError } from "../config/mod.ts";

export const CHECKPOINT_ALGORITHM = "EdDSA";

/** An imported asymmetric key, as jose types it (not a shared secret). */
export type AsymmetricKey = Exclude<Awaited<ReturnType<typeof jose.importJWK>>, Uint8Array>;
const DEV_KEY_FILE = "audit-signing-key.json";

/** A loaded signing key and every trusted public key, as a JWKS. */
export interface CheckpointKeys {
  readonly keyId: string;
  readonly privateKey: AsymmetricKey;
  /** Public JWKs with `kid`, `alg` and `use`; the current key first. */
  readonly publicJwks: readonly jose.JWK[];
  /** Where the signing key came from. */
  readonly source: "configured" | "embedded-dev-key" | "generated";
}

/** Settings of {@linkcode loadCheckpointKeys}. */
export interface CheckpointKeySettings {
  /** Ed25519 private key, JWK JSON or PKCS#8 PEM. */
  readonly signingKey?: string | undefined;
  /** JSON array of retired public JWKs. */
  readonly previousPublicKeys?: string | undefined;
  /** Where a development key is kept when none is configured; none: generate in memory. */
  readonly dataDir?: string | undefined;
  readonly production: boolean;
}

/**
 * Loads the configured key; outside production without one, loads or creates
 * a development key under `dataDir` (or an ephemeral one without a dataDir).
 */
export async function loadCheckpointKeys(settings: CheckpointKeySettings): Promise<CheckpointKeys> {
  let privateJwk: jose.JWK;
  let source: CheckpointKeys["source"] = "configured";
  if (settings.signingKey) {
    privateJwk = await parsePrivateKey(settings.signingKey).catch(() => {
      throw new ConfigError(["AUDIT_SIGNING_KEY: not an Ed25519 private key (JWK or PKCS#8 PEM)"]);
    });
  } else if (settings.production) {
    throw new ConfigError([
      "AUDIT_SIGNING_KEY: production requires one (Ed25519, JWK or PKCS#8 PEM)",
    ]);
  } else if (settings.dataDir) {
    privateJwk = await loadOrCreateDevKey(settings.dataDir);
    source = "embedded-dev-key";
  } else {
    privateJwk = await generatePrivateJwk();
    source = "generated";
  }
  if (privateJwk.kty !== "OKP" || privateJwk.crv !== "Ed25519" || !privateJwk.d) {
    throw new ConfigError(["AUDIT_SIGNING_KEY: not an Ed25519 private key (JWK or PKCS#8 PEM)"]);
  }
  const { d: _private, ...publicPart } = privateJwk;
  const current = await describePublic(publicPart);
  const previous = await Promise.all(
    parsePrevious(settings.previousPublicKeys).map(describePublic),
  ).catch((error) => {
    throw new ConfigError([`AUDIT_PREVIOUS_PUBLIC_KEYS: ${(error as Error).message}`]);
  });
  return {
    keyId: current.kid!,
    privateKey: await importEd25519(privateJwk),
    publicJwks: [current, ...previous.filter((k) => k.kid !== current.kid)],
    source,
  };
}

/** Imports an Ed25519 JWK (private or public) as a key object. */
export async function importEd25519(jwk: jose.JWK): Promise<AsymmetricKey> {
  const key = await jose.importJWK(jwk, CHECKPOINT_ALGORITHM);
  if (key instanceof Uint8Array) throw new Error("an Ed25519 key was expected, not a secret");
  return key;
}

async function parsePrivateKey(text: string): Promise<jose.JWK> {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return JSON.parse(trimmed) as jose.JWK;
  const key = await jose.importPKCS8(trimmed.replaceAll("\\n", "\n"), CHECKPOINT_ALGORITHM, {
    extractable: true,
  });
  return await jose.exportJWK(key);
}

function parsePrevious(text: string | undefined): jose.JWK[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    throw new ConfigError(["AUDIT_PREVIOUS_PUBLIC_KEYS: not a JSON array of JWKs or a JWKS"]);
  }
  return keys as jose.JWK[];
}

async function describePublic(jwk: jose.JWK): Promise<jose.JWK> {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.x || jwk.d) {
    throw new Error("checkpoint public keys must be Ed25519 public JWKs");
  }
  const bare = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  return {
    ...bare,
    kid: await jose.calculateJwkThumbprint(bare),
    alg: CHECKPOINT_ALGORITHM,
    use: "sig",
  };
}

async function generatePrivateJwk(): Promise<jose.JWK> {
  const { privateKey } = await jose.generateKeyPair(CHECKPOINT_ALGORITHM, {
    crv: "Ed25519",
    extractable: true,
  });
  return await jose.exportJWK(privateKey);
}

async function loadOrCreateDevKey(dataDir: string): Promise<jose.JWK> {
  const text = await loadOrCreateKeyFile(
    dataDir,
    DEV_KEY_FILE,
    async () => JSON.stringify(await generatePrivateJwk(), null, 2),
  );
  return JSON.parse(text) as jose.JWK;
}
