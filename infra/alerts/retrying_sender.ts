/**
 * Turns a single-attempt delivery into a channel: each attempt has a
 * timeout, retryable failures are retried with exponential backoff and
 * jitter (`p-retry`), others fail at once; the number of attempts and the
 * last error are reported for the alert's delivery record. A receiver's
 * `Retry-After` lengthens the wait before the next attempt up to the longest
 * delay the policy allows; one asking for more ends the retries at once
 * (trying sooner would only be refused again).
 * @module
 */
import pRetry, { AbortError } from "p-retry";
import type {
  ChannelName,
  ChannelSender,
  Notification,
  SendReport,
} from "../../domain/alerts/mod.ts";
import { DeliveryError, isRetryable } from "./delivery_error.ts";

export interface RetryPolicy {
  /** One attempt may take at most this long. */
  readonly timeoutMs: number;
  /** Attempts after the first. */
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
}

/** One attempt at delivering `notification`; throws on failure. */
export type DeliverOnce = (notification: Notification, signal: AbortSignal) => Promise<void>;

export function retryingSender(
  name: ChannelName,
  deliverOnce: DeliverOnce,
  policy: RetryPolicy,
): ChannelSender {
  return {
    name,
    async send(notification): Promise<SendReport> {
      let attempts = 0;
      try {
        await pRetry(
          async () => {
            attempts++;
            await deliverOnce(notification, AbortSignal.timeout(policy.timeoutMs));
          },
          {
            retries: policy.retries,
            minTimeout: policy.minDelayMs,
            maxTimeout: policy.maxDelayMs,
            factor: 2,
            randomize: true,
            shouldRetry: ({ error }) => isRetryable(error),
            onFailedAttempt: async ({ error, retriesLeft, retryDelay }) => {
              const wait = error instanceof DeliveryError ? error.retryAfterMs : undefined;
              if (wait === undefined || retriesLeft === 0 || !isRetryable(error)) return;
              if (wait > policy.maxDelayMs) {
                throw new AbortError(
                  `${error.message}; Retry-After ${Math.ceil(wait / 1000)} s is beyond ` +
                    `the longest retry delay (${policy.maxDelayMs} ms)`,
                );
              }
              if (wait > retryDelay) await sleep(wait - retryDelay);
            },
          },
        );
        return { attempts };
      } catch (error) {
        return { attempts, error: describe(error) };
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}${cause}`.slice(0, 500);
}
