import { SIGNED_CURSOR } from "../../domain/logs/mod.ts";
import { createHmac, timingSafeEqual } from "node:crypto";

/** Options of {@linkcode createSignedTokens}. */
export interface SignedTokenOptions {
  /** The signing secret (at least 32 bytes of entropy). */
  readonly key: string;
  /** How long a token stays valid. */
  readonly ttlSeconds: number;
  readonly now?: () => number;
  /** The error a token that does not open becomes (each cursor kind has its code). */
  readonly invalid: (detail: string) => Error;
}

/** Why a token did not open, in words a client can act on. */
export const TOKEN_PROBLEMS = {
  malformed: "the cursor is malformed",
  foreign: "the cursor was not issued to this caller for this query, or was altered",
  expired: "the cursor has expired; query again",
} as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Opaque tokens as `base64url(payload).base64url(mac)`, where the
 * HMAC-SHA-256 covers the payload *and* a binding (who asked, for which
 * query) that the token does not carry. A token replayed by another caller,
 * for another query, after expiry, or edited in any byte does not open.
 * Node's synchronous HMAC rather than `crypto.subtle`: the same bytes, but
 * Web Crypto runs each call as an async op on a thread pool, and the hop
 * (~0.15 ms measured) was a visible share of a search page's overhead.
 */
export function createSignedTokens<T extends object>(options: SignedTokenOptions) {
  if (options.key.length < 32) {
    throw new Error("the cursor signing key needs at least 32 characters");
  }
  const now = options.now ?? Date.now;
  const macOf = (body: string, binding: string): Uint8Array =>
    createHmac("sha256", options.key).update(`${body}\n${binding}`).digest();

  return {
    seal(payload: T, binding: string): string {
      const exp = Math.floor(now() / 1000) + options.ttlSeconds;
      const body = toBase64Url(encoder.encode(JSON.stringify({ ...payload, exp })));
      return `${body}.${toBase64Url(macOf(body, binding))}`;
    },
    open(token: string, binding: string): T {
      if (!SIGNED_CURSOR.test(token)) throw options.invalid(TOKEN_PROBLEMS.malformed);
      const dot = token.indexOf(".");
      const body = token.slice(0, dot);
      const mac = token.slice(dot + 1);
      const given = fromBase64Url(mac);
      const expected = macOf(body, binding);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw options.invalid(TOKEN_PROBLEMS.foreign);
      }
      const { exp, ...payload } = JSON.parse(decoder.decode(fromBase64Url(body))) as {
        exp: number;
      };
      if (exp * 1000 < now()) throw options.invalid(TOKEN_PROBLEMS.expired);
      return payload as T;
    },
  };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
