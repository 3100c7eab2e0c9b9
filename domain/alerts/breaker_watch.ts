/**
 * The seam between circuit breakers and alerting: whoever owns the breakers
 * reports each state change of a dependency's breaker; a periodic check
 * raises `breaker_open` once a breaker has stayed open longer than the
 * configured time, and resolves it when the breaker closes.
 * @module
 */
import {
  clearCriticalError,
  type CriticalErrorDeps,
  handleCriticalError,
} from "./critical_errors.ts";
import type { BreakerState } from "../resilience/mod.ts";

export interface BreakerWatch {
  /** Called on every state change of the breaker of `dependency` (e.g. one per cluster). */
  stateChanged(dependency: string, state: BreakerState, at?: Date): void;
  /** Raises or clears alerts from the states seen so far; run periodically. */
  check(): Promise<void>;
  /** Breakers open now, with the time they opened (for tests and health). */
  openSince(): ReadonlyMap<string, Date>;
}

export function createBreakerWatch(
  deps: CriticalErrorDeps & { readonly now: () => Date },
  options: { readonly openAlertAfterMs: number },
): BreakerWatch {
  const open = new Map<string, Date>();
  const raised = new Set<string>();
  const closed = new Set<string>();
  return {
    stateChanged(dependency, state, at = deps.now()) {
      if (state === "closed") {
        open.delete(dependency);
        if (raised.has(dependency)) closed.add(dependency);
      } else if (!open.has(dependency)) {
        open.set(dependency, at);
        closed.delete(dependency);
      }
    },
    async check() {
      const now = deps.now().getTime();
      for (const [dependency, since] of open) {
        const openForMs = now - since.getTime();
        if (openForMs < options.openAlertAfterMs) continue;
        await handleCriticalError(deps, {
          kind: "breaker_open",
          subject: dependency,
          message: `the circuit breaker of ${dependency} has been open for ${
            Math.round(openForMs / 1000)
          } s`,
          details: { open_since: since.toISOString(), open_for_ms: openForMs },
        });
        raised.add(dependency);
      }
      for (const dependency of [...closed]) {
        await clearCriticalError(deps, "breaker_open", dependency);
        closed.delete(dependency);
        raised.delete(dependency);
      }
    },
    openSince: () => new Map(open),
  };
}
