/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), synchronous, from the
 * audited `@noble/hashes` (the one package the domain may import): the audit
 * hash chain (hex of a string's UTF-8 bytes) and the masker's deterministic
 * tokens (HMAC) need a digest inside synchronous code that gives the same
 * result inline and in a worker, and `crypto.subtle` is asynchronous. Infra
 * may inject the runtime's native digest through {@linkcode Sha256Hex}.
 * @module
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** A SHA-256 function over the UTF-8 encoding of `text`, returning hex. */
export type Sha256Hex = (text: string) => string;

const encoder = new TextEncoder();

/** SHA-256 digest of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** A keyed HMAC-SHA-256 function; the key's inner and outer states are computed once. */
export function createHmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const keyed = hmac.create(nobleSha256, key);
  return (message) => keyed.clone().update(message).digest();
}

/** SHA-256 of the UTF-8 bytes of `text`, as lower-case hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(nobleSha256(encoder.encode(text)));
}
