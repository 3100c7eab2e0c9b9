/**
 * The user service client (the plan's `UserServiceClient.get_user_info`):
 * display names for the ids in audit trails and reports. A lookup has one
 * time budget for all its attempts; only retryable failures (network errors,
 * timeouts, 5xx, 429) are retried, with backoff and jitter (`p-retry`), and a
 * 429's `Retry-After` is honoured when it fits the budget. A circuit breaker
 * (`cockatiel`) stops asking a service that keeps failing; answers are kept
 * for a short while (`lru-cache`), unknown ids too, and an expired entry is
 * still used — marked stale — while the service cannot answer. Lookups never
 * reject: the caller gets `unavailable` with the reason and answers with ids.
 * @module
 */
import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleAll } from "cockatiel";
import { LRUCache } from "lru-cache";
import pRetry, { AbortError } from "p-retry";
import type { UserDirectory, UserInfo, UserLookup } from "../../domain/users/mod.ts";
import { retryAfterMs } from "../resilience/mod.ts";

/** Settings of the client (from `USER_SERVICE_*`). */
export interface UserServiceClientOptions {
  /** URL template with `{id}`. */
  readonly urlTemplate: string;
  readonly token?: string;
  /** Budget of one lookup, all attempts and waits included. */
  readonly timeoutMs: number;
  readonly retries: number;
  readonly cacheTtlMs: number;
  readonly cacheMaxEntries: number;
  /** Consecutive failed lookups that open the circuit… */
  readonly breakerFailures: number;
  /** …and how long it stays open before one trial lookup. */
  readonly breakerCooldownMs: number;
  /** First backoff delay (doubles, with jitter); tests shorten it. */
  readonly minBackoffMs?: number;
  readonly onLookup?: (result: LookupResultLabel) => void;
  readonly onCircuitChange?: (open: boolean) => void;
}

/** How a lookup was answered, for the metrics. */
export type LookupResultLabel = "found" | "unknown" | "cached" | "stale" | "unavailable";

type Known = Exclude<UserLookup, { status: "unavailable" }>;

/** A failure worth another attempt. */
class RetryableFailure extends Error {
  override name = "RetryableFailure";
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/** A user service client that never rejects; dispose of it to drop its listeners and cache. */
export function createUserServiceClient(
  options: UserServiceClientOptions,
): UserDirectory & Disposable {
  const cache = new LRUCache<string, Known>({
    max: options.cacheMaxEntries,
    ttl: Math.max(1, options.cacheTtlMs),
    noDeleteOnStaleGet: true,
  });
  const inFlight = new Map<string, Promise<UserLookup>>();
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.breakerCooldownMs,
    breaker: new ConsecutiveBreaker(options.breakerFailures),
  });
  const subscriptions = [
    breaker.onBreak(() => options.onCircuitChange?.(true)),
    breaker.onReset(() => options.onCircuitChange?.(false)),
  ];
  const report = (label: LookupResultLabel) => options.onLookup?.(label);

  async function lookup(id: string): Promise<UserLookup> {
    try {
      const known = await breaker.execute(() => fetchWithRetries(id, options));
      if (options.cacheTtlMs > 0) cache.set(id, known);
      report(known.status);
      return known;
    } catch (error) {
      const reason = error instanceof BrokenCircuitError
        ? "user service unavailable: circuit open after repeated failures"
        : `user service unavailable: ${describe(error)}`;
      const stale = cache.get(id, { allowStale: true });
      if (stale?.status === "found") {
        report("stale");
        return { ...stale, stale: true };
      }
      report("unavailable");
      return { status: "unavailable", reason };
    }
  }

  return {
    getUserInfo(id) {
      const fresh = options.cacheTtlMs > 0 ? cache.get(id) : undefined;
      if (fresh) {
        report("cached");
        return Promise.resolve(fresh);
      }
      const pending = inFlight.get(id);
      if (pending) return pending;
      const started = lookup(id).finally(() => inFlight.delete(id));
      inFlight.set(id, started);
      return started;
    },
    [Symbol.dispose]() {
      for (const subscription of subscriptions) subscription.dispose();
      cache.clear();
    },
  };
}

/** One lookup: attempts within the budget, retrying only retryable failures. */
async function fetchWithRetries(id: string, options: UserServiceClientOptions): Promise<Known> {
  const deadline = performance.now() + options.timeoutMs;
  const remaining = () => deadline - performance.now();
  const url = options.urlTemplate.replace(/\{id\}|%7Bid%7D/i, encodeURIComponent(id));
  return await pRetry(() => attempt(url, id, options.token, Math.max(1, remaining())), {
    retries: options.retries,
    minTimeout: options.minBackoffMs ?? 100,
    factor: 2,
    randomize: true,
    maxRetryTime: options.timeoutMs,
    shouldRetry: ({ error }) => error instanceof RetryableFailure && remaining() > 0,
    async onFailedAttempt({ error, retriesLeft, retryDelay }) {
      const wait = error instanceof RetryableFailure ? error.retryAfterMs : undefined;
      if (wait === undefined || retriesLeft === 0) return;
      if (wait > remaining()) {
        throw new AbortError(`${error.message}; Retry-After exceeds the lookup budget`);
      }
      if (wait > retryDelay) await sleep(wait - retryDelay);
    },
  });
}

/** One request; throws RetryableFailure or AbortError (not retried). */
async function attempt(
  url: string,
  id: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<Known> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw new RetryableFailure(timedOut ? `no answer within ${timeoutMs} ms` : describe(error));
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return { status: "unknown" };
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new RetryableFailure(
      `answered ${response.status}`,
      response.status === 429 ? retryAfterMs(response.headers.get("retry-after")) : undefined,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AbortError(`answered ${response.status}`);
  }
  let body: Record<string, unknown>;
  try {
    body = await response.json();
  } catch {
    throw new AbortError("answered with a body that is not JSON");
  }
  const name = [body.display_name, body.displayName, body.name, body.full_name]
    .find((v) => typeof v === "string" && v.trim() !== "") as string | undefined;
  if (!name) throw new AbortError("answered without a display name");
  const user: UserInfo = {
    id,
    display_name: name.trim(),
    ...(typeof body.email === "string" ? { email: body.email } : {}),
  };
  return { status: "found", user };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
