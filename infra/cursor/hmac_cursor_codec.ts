import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../domain/errors/mod.ts";
import type { CursorBinding, CursorCodec, CursorState } from "../../domain/logs/mod.ts";

/** Options of {@linkcode createHmacCursorCodec}. */
export interface HmacCursorCodecOptions {
  /** The signing secret (at least 32 bytes of entropy). */
  readonly key: string;
  /** How long a cursor stays valid. */
  readonly ttlSeconds: number;
  readonly now?: () => number;
}

interface Payload {
  readonly v: 1;
  readonly p: CursorState["position"];
  readonly s?: string;
  readonly f: string;
  readonly t: string;
  readonly exp: number;
}

const encoder = new TextEncoder();

/**
 * Cursors as `base64url(state).base64url(mac)`, where the HMAC-SHA-256 covers
 * the state *and* the binding (caller id and normalized search) without
 * carrying the binding in the token. A cursor replayed by another caller, for
 * another search, after expiry, or edited in any byte fails to verify.
 */
// `async` without `await` here and below keeps the port's contract: every
// failure (a short key, a bad cursor) is a rejected promise, never a throw.
// deno-lint-ignore require-await
export async function createHmacCursorCodec(options: HmacCursorCodecOptions): Promise<CursorCodec> {
  if (options.key.length < 32) {
    throw new Error("the cursor signing key needs at least 32 characters");
  }
  const secret = options.key;
  const now = options.now ?? Date.now;
  // Node's synchronous HMAC rather than `crypto.subtle`: the same bytes, but
  // Web Crypto runs each call as an async op on a thread pool, and the hop
  // (~0.15 ms measured) was a visible share of a search page's overhead.
  const macOf = (body: string, binding: CursorBinding): Uint8Array =>
    createHmac("sha256", secret)
      .update(`${body}\n${binding.principalId}\n${binding.searchKey}`)
      .digest();

  return {
    // deno-lint-ignore require-await
    async seal(state, binding) {
      const payload: Payload = {
        v: 1,
        p: state.position,
        ...(state.snapshot ? { s: state.snapshot } : {}),
        f: state.from,
        t: state.to,
        exp: Math.floor(now() / 1000) + options.ttlSeconds,
      };
      const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
      return `${body}.${toBase64Url(macOf(body, binding))}`;
    },

    // deno-lint-ignore require-await
    async open(token, binding) {
      const invalid = (detail: string) => new AppError("LOG_CURSOR_INVALID", { detail });
      const match = /^([A-Za-z0-9_-]{1,8192})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) throw invalid("the cursor is malformed");
      const [, body, mac] = match as unknown as [string, string, string];
      const given = fromBase64Url(mac);
      const expected = macOf(body, binding);
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      if (!valid) {
        throw invalid("the cursor was not issued to this caller for this search, or was altered");
      }
      const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as Payload;
      if (payload.exp * 1000 < now()) throw invalid("the cursor has expired; search again");
      return {
        position: payload.p,
        ...(payload.s ? { snapshot: payload.s } : {}),
        from: payload.f,
        to: payload.t,
      };
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
