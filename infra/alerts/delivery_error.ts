/**
 * Why a delivery attempt failed, and whether trying again can help:
 * timeouts, connection failures, 408, 429 and 5xx can; any other answer
 * (a bad payload, a revoked key) cannot, and is not retried. A receiver that
 * says when to come back (`Retry-After` on a 429 or 503, as Slack's and
 * PagerDuty's rate limits do) is asked no sooner.
 * @module
 */
import { retryAfterMs } from "../resilience/mod.ts";

export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    readonly retryable: boolean,
    options: {
      readonly cause?: unknown;
      readonly status?: number;
      readonly retryAfterMs?: number | undefined;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
  readonly status: number | undefined;
  /** How long the receiver asked to be left alone. */
  readonly retryAfterMs: number | undefined;
}

/** The error of a non-2xx HTTP answer; its body (bounded) helps the operator. */
export async function httpDeliveryError(response: Response): Promise<DeliveryError> {
  const body = (await response.text().catch(() => "")).slice(0, 300);
  const status = response.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfter = status === 429 || status === 503
    ? retryAfterMs(response.headers.get("retry-after"))
    : undefined;
  return new DeliveryError(`HTTP ${status}${body ? `: ${body}` : ""}`, retryable, {
    status,
    retryAfterMs: retryAfter,
  });
}

/** True when `error` is worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof DeliveryError) return error.retryable;
  const name = (error as { name?: string })?.name;
  // fetch's network failures are TypeErrors; per-attempt timeouts abort with TimeoutError.
  return name === "TypeError" || name === "TimeoutError" || name === "AbortError";
}

/** POSTs JSON; a non-2xx answer throws a {@linkcode DeliveryError}. */
export async function postJson(
  url: string,
  body: unknown,
  options: { readonly signal: AbortSignal; readonly headers?: Record<string, string> },
): Promise<Response> {
  const text = JSON.stringify(body);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: text,
    signal: options.signal,
  });
  if (!response.ok) throw await httpDeliveryError(response);
  await response.body?.cancel();
  return response;
}
