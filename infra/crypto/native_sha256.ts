import { createHash } from "node:crypto";

/**
 * SHA-256 hex of the UTF-8 of `text`, through the runtime's native
 * implementation: about 2.5× the pure-TypeScript digest of the domain and 6×
 * `crypto.subtle` on event-sized inputs (measured over 100k events), and
 * synchronous. Same results: a test compares them.
 */
export function nativeSha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
