import { AppError } from "../errors/mod.ts";

/** How many live tails may be open, and for how long. */
export interface TailLimits {
  /** Concurrent tails of one caller (beyond: 429 `LOG_TAIL_LIMIT`). */
  readonly perCaller: number;
  /** Concurrent tails of this instance (beyond: 503 `LOG_TAIL_CAPACITY`). */
  readonly perInstance: number;
  /** A tail is closed after this long with a `reconnect` event. */
  readonly maxDurationMs: number;
}

export const DEFAULT_TAIL_LIMITS: TailLimits = {
  perCaller: 3,
  perInstance: 200,
  maxDurationMs: 3_600_000,
};

/** The open tails of one instance; `acquire` throws when a limit is reached. */
export interface TailSlots {
  /** Takes a slot for `callerId`; the result gives it back (calling it twice is harmless). */
  acquire(callerId: string): () => void;
  /** Open tails, for metrics and tests. */
  open(): number;
}

/**
 * Counts open tails per caller and in total. A tail holds a store query
 * every poll for as long as it is open, so one caller (or a reconnect storm)
 * must not take the capacity of everyone else.
 */
export function createTailSlots(limits: Pick<TailLimits, "perCaller" | "perInstance">): TailSlots {
  const byCaller = new Map<string, number>();
  let total = 0;
  return {
    acquire(callerId) {
      const mine = byCaller.get(callerId) ?? 0;
      if (mine >= limits.perCaller) {
        throw new AppError("LOG_TAIL_LIMIT", {
          detail: `at most ${limits.perCaller} live tails per caller; close one first`,
        });
      }
      if (total >= limits.perInstance) {
        throw new AppError("LOG_TAIL_CAPACITY", {
          detail: "this instance has no live tail free; retry later",
        });
      }
      byCaller.set(callerId, mine + 1);
      total++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total--;
        const left = (byCaller.get(callerId) ?? 1) - 1;
        if (left > 0) byCaller.set(callerId, left);
        else byCaller.delete(callerId);
      };
    },
    open: () => total,
  };
}
