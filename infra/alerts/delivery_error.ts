/**
 * Why a delivery attempt failed, and whether trying again can help:
 * timeouts, connection failures, 408, 429 and 5xx can; any other answer
 * (a bad payload, a revoked key) cannot, and is not retried.
 * @module
 */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    readonly retryable: boolean,
    options: { readonly cause?: unknown; readonly status?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
  readonly status: number | undefined;
}

/** The error of a non-2xx HTTP answer; its body (bounded) helps the operator. */
export async function httpDeliveryError(response: Response): Promise<DeliveryError> {
  const body = (await response.text().catch(() => "")).slice(0, 300);
  const status = response.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  return new DeliveryError(`HTTP ${status}${body ? `: ${body}` : ""}`, retryable, { status });
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
