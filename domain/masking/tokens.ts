import { createHmacSha256 } from "../crypto/sha256.ts";
import type { TokenFor } from "./replacements.ts";

const TOKEN_BYTES = 8;
const encoder = new TextEncoder();

/**
 * Deterministic mode: a secret becomes `[tag#<16 letters>]`, the first 64 bits
 * of HMAC-SHA-256(key, tag NUL secret) written with the letters a–p. Equal
 * secrets give equal tokens (so they can still be correlated across events);
 * without the key they cannot be reversed or confirmed by guessing. Letters,
 * not hex digits, and `#`, not `:`, so no numeric or key=value rule can ever
 * match inside a token, which keeps masking idempotent.
 */
export function createTokenizer(key: Uint8Array): TokenFor {
  if (key.length < 16) throw new RangeError("the masking HMAC key must be at least 16 bytes");
  const hmac = createHmacSha256(key);
  return (tag, normalized) => {
    const digest = hmac(encoder.encode(`${tag}\u0000${normalized}`));
    let letters = "";
    for (let i = 0; i < TOKEN_BYTES; i++) {
      const byte = digest[i]!;
      letters += String.fromCharCode(97 + (byte >> 4), 97 + (byte & 15));
    }
    return `[${tag}#${letters}]`;
  };
}
