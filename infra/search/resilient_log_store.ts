/**
 * The search-engine resilience layer, in one place (the clients' own retries
 * are off): every engine call has a per-request timeout inside a deadline
 * per API request; retryable failures (connection refused or reset,
 * timeouts, 429, 502, 503, 504 — what the adapters report as
 * `LOG_STORE_UNAVAILABLE`) are retried with full-jitter backoff, a 400 or 404
 * never; a circuit breaker per cluster stops calling a cluster that keeps
 * failing; a bulkhead bounds the searches in progress. Searches fall back
 * from the primary to the optional read-only fallback cluster; the stale
 * cache and the 503 come after, in the use case. Writes never go to the
 * fallback: while the primary is unavailable they are refused with a 503.
 * @module
 */
import {
  bulkhead,
  BulkheadRejectedError,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
} from "cockatiel";
import { AppError, isAppError } from "../../domain/errors/mod.ts";
import type {
  CountGroup,
  ErrorGroup,
  LogStore,
  StoreSearchRequest,
} from "../../domain/logs/mod.ts";
import { retryAfterSeconds } from "../../domain/resilience/mod.ts";
import {
  type Breaker,
  isBreakerRefusal,
  type RetryPolicy,
  withRetries,
} from "../resilience/mod.ts";

/** One cluster and its breaker. */
export interface GuardedStore {
  readonly store: LogStore;
  readonly breaker: Breaker;
}

/** Options of {@linkcode createResilientLogStore}. */
export interface ResilienceOptions {
  readonly primary: GuardedStore;
  /** A read-only cluster searches go to while the primary fails. */
  readonly fallback?: GuardedStore;
  /** Longest wait for one request to a cluster. */
  readonly requestTimeoutMs: number;
  /** The budget of one API request's engine work, retries and fallback included. */
  readonly deadlineMs: number;
  readonly retry: RetryPolicy;
  /** Searches in progress at once, and waiting; beyond, 503 `OVERLOADED`. */
  readonly bulkhead: { readonly concurrent: number; readonly queued: number };
  /** Told about each retry (the `elasticsearch_retries_total` metric). */
  readonly onRetry?: () => void;
  readonly now?: () => number;
}

/** True for the failures the adapters report when a cluster cannot answer now. */
export function isUnavailable(error: unknown): boolean {
  return (isAppError(error) && error.code === "LOG_STORE_UNAVAILABLE") ||
    isBreakerRefusal(error) || error instanceof TaskCancelledError;
}

/** Wraps the engine stores in the resilience policies. */
export function createResilientLogStore(options: ResilienceOptions): LogStore {
  const { primary, fallback } = options;
  const now = options.now ?? Date.now;
  const searches = bulkhead(options.bulkhead.concurrent, options.bulkhead.queued);
  const deadline = timeout(options.deadlineMs, TimeoutStrategy.Aggressive);

  /** One cluster: breaker inside, retries outside, each attempt bounded by what is left. */
  function attempt<T>(
    cluster: GuardedStore,
    until: number,
    call: (timeoutMs: number) => Promise<T>,
  ): Promise<T> {
    return withRetries(
      () => {
        const left = until - performance.now();
        if (left <= 0) return Promise.reject(new TaskCancelledError("deadline reached"));
        return cluster.breaker.execute(() => call(Math.min(options.requestTimeoutMs, left)));
      },
      {
        policy: options.retry,
        deadline: until,
        // A refusal by the breaker is final: retrying would only hammer it.
        retryable: (error) => isUnavailable(error) && !isBreakerRefusal(error),
        onRetry: options.onRetry,
      },
    );
  }

  function unavailable(code: "SEARCH_UNAVAILABLE" | "LOG_STORE_UNAVAILABLE", cause: unknown) {
    const engine = primary.store.engine;
    return new AppError(code, {
      detail: code === "SEARCH_UNAVAILABLE"
        ? `${engine} is unavailable${fallback ? ", and so is the fallback cluster" : ""}`
        : isBreakerRefusal(cause)
        ? `${engine} is unavailable; nothing was written, retry later`
        : `${engine} did not confirm the write; retry later (event ids make a retry safe)`,
      cause,
      extensions: { retry_after_seconds: retryAfterSeconds(primary.breaker, now()) },
    });
  }

  /** A read: primary, then the fallback; the bulkhead and the deadline around both. */
  async function read<T extends object>(
    call: (store: LogStore, timeoutMs: number, onFallback: boolean) => Promise<T>,
  ): Promise<T & { origin?: "primary" | "fallback" }> {
    const until = performance.now() + options.deadlineMs;
    try {
      // The deadline counts the wait for a bulkhead slot too.
      return await deadline.execute(({ signal }) =>
        searches.execute(async () => {
          try {
            return await attempt(primary, until, (ms) => call(primary.store, ms, false));
          } catch (error) {
            if (!isUnavailable(error) || !fallback) throw error;
            const answer = await attempt(fallback, until, (ms) => call(fallback.store, ms, true));
            return { ...answer, origin: "fallback" as const };
          }
        }, signal)
      );
    } catch (error) {
      if (error instanceof BulkheadRejectedError) {
        throw new AppError("OVERLOADED", {
          detail: "too many searches in progress on this instance",
          extensions: { retry_after_seconds: 1 },
        });
      }
      if (isUnavailable(error)) throw unavailable("SEARCH_UNAVAILABLE", error);
      throw error;
    }
  }

  /**
   * A write: the primary only, within the deadline, no retry (a timed-out bulk
   * write may have landed; the client's idempotent event ids make the
   * caller's own retry safe).
   */
  async function write<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await primary.breaker.execute(() => deadline.execute(call));
    } catch (error) {
      if (isUnavailable(error)) throw unavailable("LOG_STORE_UNAVAILABLE", error);
      throw error;
    }
  }

  return {
    engine: primary.store.engine,
    visibilityLagMs: primary.store.visibilityLagMs,
    ingest: (events) => write(() => primary.store.ingest(events)),
    search: (request) =>
      read((store, timeoutMs, onFallback) =>
        store.search({ ...(onFallback ? withoutSnapshot(request) : request), timeoutMs })
      ),
    async errorGroups(filter, size) {
      const { groups } = await read(async (store, timeoutMs) => ({
        groups: await store.errorGroups(filter, size, { timeoutMs }),
      }));
      return groups as ErrorGroup[];
    },
    // Alert rule evaluation: a read like a search, with the same retries and fallback.
    async countGroups(filter, field, size) {
      const { groups } = await read(async (store) => ({
        groups: await store.countGroups(filter, field, size),
      }));
      return groups as CountGroup[];
    },
    async releaseSnapshot(snapshot) {
      if (primary.breaker.state() !== "closed") return; // it expires on its own
      await primary.store.releaseSnapshot(snapshot);
    },
    refresh: (categories) => write(() => primary.store.refresh(categories)),
  };
}

/** A point in time belongs to the cluster that opened it: the fallback pages without one. */
function withoutSnapshot(request: StoreSearchRequest): StoreSearchRequest {
  const { snapshot: _snapshot, ...rest } = request;
  return { ...rest, keepSnapshot: false };
}
