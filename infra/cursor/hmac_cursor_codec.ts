import { AppError } from "../../domain/errors/mod.ts";
import type { CursorBinding, CursorCodec, CursorState } from "../../domain/logs/mod.ts";
import { createSignedTokens } from "./signed_token.ts";

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
}

/**
 * Log search cursors: the page state sealed in a signed token bound to the
 * caller id and the normalized search (see `signed_token.ts`).
 */
// `async` without `await` here and below keeps the port's contract: every
// failure (a short key, a bad cursor) is a rejected promise, never a throw.
// deno-lint-ignore require-await
export async function createHmacCursorCodec(options: HmacCursorCodecOptions): Promise<CursorCodec> {
  const tokens = createSignedTokens<Payload>({
    ...options,
    invalid: (detail) => new AppError("LOG_CURSOR_INVALID", { detail }),
  });
  const bindingOf = (binding: CursorBinding) => `${binding.principalId}\n${binding.searchKey}`;
  return {
    // deno-lint-ignore require-await
    async seal(state, binding) {
      return tokens.seal({
        v: 1,
        p: state.position,
        ...(state.snapshot ? { s: state.snapshot } : {}),
        f: state.from,
        t: state.to,
      }, bindingOf(binding));
    },
    // deno-lint-ignore require-await
    async open(token, binding) {
      const payload = tokens.open(token, bindingOf(binding));
      return {
        position: payload.p,
        ...(payload.s ? { snapshot: payload.s } : {}),
        from: payload.f,
        to: payload.t,
      };
    },
  };
}
