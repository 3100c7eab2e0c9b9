import * as jose from "jose";
import type { TokenVerifier } from "./verifier.ts";

/** Options of {@linkcode cachedVerifier}. */
export interface CachedVerifierOptions {
  /** Tokens remembered at most; the least recently used go first. */
  readonly maxEntries?: number;
  /** A verified token is re-verified after this long, whatever its expiry. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * Remembers tokens that passed verification, until they expire (or
 * `maxAgeMs`), so a client sending the same bearer token on every request
 * pays the signature check once — on these machines it is most of a small
 * request's cost. Only successes are remembered: a bad token is checked
 * every time. The same token string always carries the same claims, so the
 * remembered principal is exactly what verifying again would give.
 */
export function cachedVerifier(
  verify: TokenVerifier,
  options: CachedVerifierOptions = {},
): TokenVerifier {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { principal: Awaited<ReturnType<TokenVerifier>>; until: number }>();

  return async function verifyCached(token) {
    const hit = cache.get(token);
    if (hit && hit.until > now()) {
      cache.delete(token);
      cache.set(token, hit); // most recently used last
      return hit.principal;
    }
    if (hit) cache.delete(token);
    const principal = await verify(token);
    const exp = jose.decodeJwt(token).exp;
    const until = Math.min(now() + maxAgeMs, typeof exp === "number" ? exp * 1000 : 0);
    if (until > now()) {
      cache.set(token, { principal, until });
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    }
    return principal;
  };
}
