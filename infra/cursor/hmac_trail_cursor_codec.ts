import type { TrailCursorCodec } from "../../domain/audit/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import { createSignedTokens } from "./signed_token.ts";

/** Options of {@linkcode createHmacTrailCursorCodec}. */
export interface HmacTrailCursorCodecOptions {
  /** The signing secret (at least 32 bytes of entropy); the log cursors' key serves. */
  readonly key: string;
  /** How long a cursor stays valid. */
  readonly ttlSeconds: number;
  readonly now?: () => number;
}

/**
 * Audit trail cursors: the seq a page continues below, in a signed token
 * bound to the caller, the trail's user and its filters, so an edited `seq`
 * or a cursor replayed by someone else or for other filters is refused.
 * The binding is tagged `audit` so a log cursor never opens here.
 */
export function createHmacTrailCursorCodec(
  options: HmacTrailCursorCodecOptions,
): TrailCursorCodec {
  const tokens = createSignedTokens<{ readonly v: 1; readonly s: number }>({
    ...options,
    invalid: (detail) => new AppError("AUDIT_CURSOR_INVALID", { detail }),
  });
  return {
    seal: (seq, binding) =>
      tokens.seal({ v: 1, s: seq }, `audit\n${binding.principalId}\n${binding.filterKey}`),
    open(token, binding) {
      const { s } = tokens.open(token, `audit\n${binding.principalId}\n${binding.filterKey}`);
      if (!Number.isSafeInteger(s) || s < 1) {
        throw new AppError("AUDIT_CURSOR_INVALID", { detail: "the cursor is malformed" });
      }
      return s;
    },
  };
}
