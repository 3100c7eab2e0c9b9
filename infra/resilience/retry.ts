/**
 * Retries with `p-retry`, the delay chosen with full jitter (a random wait
 * between 0 and base × 2^(attempt−1), capped): concurrent clients that failed
 * together do not come back together. Bounded by attempts and by a deadline;
 * only failures the caller calls retryable are retried.
 * @module
 */
import pRetry from "p-retry";

/** How hard to retry. */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  readonly retries: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Options of {@linkcode withRetries}. */
export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly retryable: (error: unknown) => boolean;
  /** `performance.now()` after which no new attempt starts. */
  readonly deadline?: number;
  /** Told before each retry (metrics). */
  readonly onRetry?: (error: unknown, attempt: number) => void;
  readonly random?: () => number;
}

/** The full-jitter delay before retry number `attempt` (1-based). */
export function fullJitterDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseMs" | "maxMs">,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Runs `run` (given the attempt number), retrying retryable failures as the policy allows. */
export function withRetries<T>(
  run: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const { policy, deadline } = options;
  const left = () => deadline === undefined ? Infinity : deadline - performance.now();
  return pRetry(run, {
    retries: policy.retries,
    // The delay is full jitter, slept in `onFailedAttempt`; p-retry's own is off.
    minTimeout: 0,
    maxTimeout: 0,
    factor: 1,
    shouldConsumeRetry: () => true,
    shouldRetry: ({ error }) => options.retryable(error) && left() > 0,
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft <= 0 || !options.retryable(error) || left() <= 0) return;
      options.onRetry?.(error, attemptNumber);
      const delay = Math.min(fullJitterDelay(attemptNumber, policy, options.random), left());
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    },
  });
}
