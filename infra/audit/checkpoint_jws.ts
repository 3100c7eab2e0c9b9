/**
 * Checkpoint statements as compact JWS (EdDSA): what the service signs and
 * how a signature is checked, here and offline. The payload names the chain
 * head; anyone holding the published public key can check it without the
 * service.
 * @module
 */
import * as jose from "jose";
import type { CheckpointClaim } from "../../domain/audit/mod.ts";
import {
  type AsymmetricKey,
  CHECKPOINT_ALGORITHM,
  type CheckpointKeys,
  importEd25519,
} from "./checkpoint_keys.ts";

export const CHECKPOINT_TYPE = "audit-checkpoint+jws";

/** The signed statement. */
export interface CheckpointStatement {
  readonly chain: "audit_log";
  readonly seq: number;
  readonly hash: string;
  readonly signed_at: string;
  readonly reason: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Signs a statement of the head `{ seq, hash }`. */
export function signCheckpoint(
  keys: Pick<CheckpointKeys, "keyId" | "privateKey">,
  statement: CheckpointStatement,
): Promise<string> {
  return new jose.CompactSign(encoder.encode(JSON.stringify(statement)))
    .setProtectedHeader({ alg: CHECKPOINT_ALGORITHM, kid: keys.keyId, typ: CHECKPOINT_TYPE })
    .sign(keys.privateKey);
}

/** A stored checkpoint as read back for verification. */
export interface StoredCheckpoint {
  readonly id: number;
  readonly head_seq: number;
  readonly head_hash: string;
  readonly jws: string;
}

/**
 * Checks signatures and turns stored checkpoints into claims for the walk.
 * The claim is what was signed; a row whose columns disagree with its own
 * signed payload, or whose signature fails, is an invalid claim.
 */
export async function checkCheckpointSignatures(
  checkpoints: readonly StoredCheckpoint[],
  publicJwks: readonly jose.JWK[],
): Promise<CheckpointClaim[]> {
  const keys = new Map<string, AsymmetricKey>();
  for (const jwk of publicJwks) {
    if (jwk.kid) keys.set(jwk.kid, await importEd25519(jwk));
  }
  const claims: CheckpointClaim[] = [];
  for (const checkpoint of checkpoints) {
    const invalid = {
      id: checkpoint.id,
      seq: checkpoint.head_seq,
      hash: checkpoint.head_hash,
      signature_valid: false,
    };
    try {
      const { payload } = await jose.compactVerify(checkpoint.jws, (header) => {
        const key = header.kid ? keys.get(header.kid) : undefined;
        if (!key || header.alg !== CHECKPOINT_ALGORITHM) throw new Error("unknown checkpoint key");
        return key;
      });
      const statement = JSON.parse(decoder.decode(payload)) as CheckpointStatement;
      const consistent = statement.seq === checkpoint.head_seq &&
        statement.hash === checkpoint.head_hash;
      claims.push(consistent ? { ...invalid, signature_valid: true } : invalid);
    } catch {
      claims.push(invalid);
    }
  }
  return claims.sort((a, b) => a.seq - b.seq || a.id - b.id);
}
