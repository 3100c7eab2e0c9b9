import { CACHE_FORMAT_VERSION, type CacheRequest } from "../../domain/cache/mod.ts";
import { nativeSha256Hex } from "../crypto/native_sha256.ts";

/**
 * The key of a cached answer: `<prefix><kind>:<label>:<sha256>`, the digest
 * over the format version, the request's material (query, range, page,
 * cursor, access scope) and the current tokens of its tags. The readable
 * head lets an operator delete by pattern (`search:checkout:*`); the digest
 * keeps callers with different material apart.
 */
export function cacheKey(
  prefix: string,
  request: Pick<CacheRequest, "kind" | "label" | "material">,
  tokens: readonly string[],
): string {
  const digest = nativeSha256Hex(JSON.stringify([CACHE_FORMAT_VERSION, request.material, tokens]));
  return `${prefix}${request.kind}:${request.label}:${digest}`;
}

/** A key pattern (`*` = any characters; validated by the domain) as a matcher over unprefixed keys. */
export function patternMatcher(pattern: string): (key: string) => boolean {
  const source = pattern.split("*").map((part) => part.replace(/[.+\-]/g, "\\$&")).join(".*");
  const regex = new RegExp(`^${source}$`);
  return (key) => regex.test(key);
}
