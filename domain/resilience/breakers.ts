/**
 * Circuit breakers of the outside systems (each search cluster, Redis), as
 * other features observe them: `/health` lists them, the metrics export
 * them, and alerting subscribes to raise an alert when one stays open. The
 * breakers themselves live with the adapters (`infra/resilience/`).
 * @module
 */

/** A breaker's state: calls flow, are refused, or one probe is let through. */
export type BreakerState = "closed" | "open" | "half_open";

/** One transition, as subscribers receive it. */
export interface BreakerStateChange {
  /** Which dependency: `search:primary`, `search:fallback`, `redis`. */
  readonly dependency: string;
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** When the transition happened (epoch milliseconds). */
  readonly at: number;
}

/** One dependency's breaker. */
export interface DependencyBreaker {
  readonly dependency: string;
  state(): BreakerState;
  /** Since when the breaker is in its current state (epoch milliseconds). */
  since(): number;
  /**
   * While open: when the next probe may go through (epoch milliseconds);
   * `undefined` otherwise.
   */
  probeAt(): number | undefined;
}

/** Every breaker of the instance, and their transitions as they happen. */
export interface CircuitBreakers {
  list(): readonly DependencyBreaker[];
  /** Calls `listener` on every transition of any breaker; returns the unsubscribe function. */
  subscribe(listener: (change: BreakerStateChange) => void): () => void;
}

/** Seconds a client should wait before retrying a dependency behind `breaker`. */
export function retryAfterSeconds(breaker: DependencyBreaker | undefined, now: number): number {
  const probeAt = breaker?.probeAt();
  if (probeAt === undefined) return 1;
  return Math.max(1, Math.ceil((probeAt - now) / 1000));
}
