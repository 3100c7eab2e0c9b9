/**
 * Report signatures: a detached JWS (RFC 7515 Appendix F) with an unencoded
 * payload (RFC 7797, `b64: false`), EdDSA with the audit checkpoint key. The
 * signed bytes are the report file itself; the protected header carries the
 * statement (parameters, generation time, chain head, SHA-256 and length of
 * the content). Anyone with the published public key (`GET
 * /api/v1/audit/signing-keys`) checks it offline: this module, `deno task
 * verify-report`, PyJWT (`detached_payload`) or openssl (see the README).
 * @module
 */
import * as jose from "jose";
import type { ReportSigner, ReportStatement } from "../../domain/reports/mod.ts";
import { nativeSha256Hex } from "../crypto/native_sha256.ts";
import {
  CHECKPOINT_ALGORITHM,
  type CheckpointKeys,
  importEd25519,
} from "../audit/checkpoint_keys.ts";

const REPORT_SIGNATURE_TYPE = "report+jws";

/** Signs reports with the checkpoint key. */
export function createReportSigner(
  keys: Pick<CheckpointKeys, "keyId" | "privateKey">,
): ReportSigner {
  return {
    async sign(content, statement) {
      const signed = await new jose.FlattenedSign(content)
        .setProtectedHeader({
          alg: CHECKPOINT_ALGORITHM,
          kid: keys.keyId,
          typ: REPORT_SIGNATURE_TYPE,
          b64: false,
          crit: ["b64"],
          report: statement,
        })
        .sign(keys.privateKey);
      return `${signed.protected}..${signed.signature}`;
    },
  };
}

/** What checking a report found. */
export type ReportCheck =
  | { readonly valid: true; readonly keyId: string; readonly statement: ReportStatement }
  | { readonly valid: false; readonly reason: string; readonly statement?: ReportStatement };

/**
 * Checks `jws` over `content` with the trusted public keys, and that the
 * statement's digest and length are the content's.
 */
export async function verifyReportSignature(
  content: Uint8Array,
  jws: string,
  publicJwks: readonly jose.JWK[],
): Promise<ReportCheck> {
  const parts = jws.trim().split(".");
  if (parts.length !== 3 || parts[1] !== "") {
    return { valid: false, reason: "not a detached compact JWS (header..signature)" };
  }
  let header: jose.ProtectedHeaderParameters & { report?: ReportStatement };
  try {
    header = jose.decodeProtectedHeader(jws.trim()) as typeof header;
  } catch {
    return { valid: false, reason: "the JWS header cannot be read" };
  }
  const statement = header.report;
  const jwk = publicJwks.find((k) => k.kid === header.kid);
  if (!jwk) return { valid: false, reason: `no trusted key ${header.kid ?? "(none named)"}` };
  if (header.alg !== CHECKPOINT_ALGORITHM || header.b64 !== false) {
    return { valid: false, reason: "unexpected algorithm or encoding", statement };
  }
  try {
    await jose.flattenedVerify(
      { protected: parts[0]!, payload: content, signature: parts[2]! },
      await importEd25519(jwk),
    );
  } catch {
    return { valid: false, reason: "the signature does not match the content", statement };
  }
  if (!statement) return { valid: false, reason: "the JWS carries no report statement" };
  const digest = nativeSha256Hex(content);
  if (statement.content_sha256 !== digest || statement.content_length !== content.byteLength) {
    return { valid: false, reason: "the statement's SHA-256 is not the content's", statement };
  }
  return { valid: true, keyId: header.kid!, statement };
}
