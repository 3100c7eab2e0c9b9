/**
 * Circuit breakers per dependency with `cockatiel`: after a number of
 * consecutive failures a breaker opens and refuses calls at once; after the
 * half-open delay it lets one probe through — and only one: other calls keep
 * failing fast while it runs — and closes on its success. The registry is
 * the domain's {@linkcode CircuitBreakers} port, so health, metrics and
 * alerting observe every breaker the same way.
 * @module
 */
import {
  BrokenCircuitError,
  circuitBreaker,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
} from "cockatiel";
import type {
  BreakerState,
  BreakerStateChange,
  CircuitBreakers,
  DependencyBreaker,
} from "../../domain/resilience/mod.ts";

/** A breaker that runs calls. */
export interface Breaker extends DependencyBreaker {
  /**
   * Runs `call` unless the breaker is open (or half-open with its probe
   * running): then rejects at once with {@linkcode BrokenCircuitError}.
   */
  execute<T>(call: () => Promise<T>): Promise<T>;
}

/** Options of one breaker. */
export interface BreakerOptions {
  /** Consecutive counted failures that open it. */
  readonly failures: number;
  /** How long it stays open before a probe. */
  readonly halfOpenMs: number;
  /** Which errors count as the dependency failing (others pass through uncounted). */
  readonly countsAsFailure: (error: unknown) => boolean;
}

/** The registry: makes breakers and is the port other features observe. */
export interface BreakerRegistry extends CircuitBreakers {
  create(dependency: string, options: BreakerOptions): Breaker;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Isolated]: "open",
};

/** True when `error` is a breaker's refusal (the call never reached the dependency). */
export function isBreakerRefusal(error: unknown): boolean {
  return error instanceof BrokenCircuitError;
}

/** A new, empty registry. */
export function createBreakerRegistry(options: { now?: () => number } = {}): BreakerRegistry {
  const now = options.now ?? Date.now;
  const breakers: Breaker[] = [];
  const listeners = new Set<(change: BreakerStateChange) => void>();

  function create(dependency: string, settings: BreakerOptions): Breaker {
    const policy: CircuitBreakerPolicy = circuitBreaker(handleWhen(settings.countsAsFailure), {
      halfOpenAfter: settings.halfOpenMs,
      breaker: new ConsecutiveBreaker(settings.failures),
    });
    let state: BreakerState = "closed";
    let since = now();
    policy.onStateChange((next) => {
      const to = STATES[next];
      if (to === state) return;
      const change = { dependency, from: state, to, at: now() };
      state = to;
      since = change.at;
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // A subscriber's failure is its own; the breaker goes on.
        }
      }
    });
    const breaker: Breaker = {
      dependency,
      state: () => state,
      since: () => since,
      probeAt: () => state === "open" ? since + settings.halfOpenMs : undefined,
      execute(call) {
        // cockatiel queues calls behind a running probe; here they fail fast instead.
        if (policy.state === CircuitState.HalfOpen) return Promise.reject(new BrokenCircuitError());
        return policy.execute(() => call());
      },
    };
    breakers.push(breaker);
    return breaker;
  }

  return {
    create,
    list: () => [...breakers],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
