import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import {
  AppError,
  type ErrorCode,
  isAppError,
  LoggingErrorCode,
  problemType,
} from "../../domain/errors/mod.ts";
import type { AppEnv } from "./env.ts";
import type { Problem } from "./problem_schema.ts";

/**
 * How much of the client's input a problem may echo: an error body stays
 * small however large the request was (a huge query string once came back
 * as a body seven times its size).
 */
export const PROBLEM_BOUNDS = { textChars: 512, fieldErrors: 20 } as const;

function bounded(text: string): string {
  return text.length <= PROBLEM_BOUNDS.textChars
    ? text
    : `${text.slice(0, PROBLEM_BOUNDS.textChars)}… (${text.length} characters)`;
}

/** Builds the problem body of an application error. */
export function toProblem(error: AppError, requestId: string, instance?: string): Problem {
  const entry = LoggingErrorCode[error.code];
  const errors = error.errors.slice(0, PROBLEM_BOUNDS.fieldErrors).map((e) => ({
    ...e,
    path: bounded(e.path),
    message: bounded(e.message),
  }));
  if (error.errors.length > PROBLEM_BOUNDS.fieldErrors) {
    errors.push({
      path: "",
      message: `${error.errors.length - PROBLEM_BOUNDS.fieldErrors} more problems not listed`,
    });
  }
  return {
    type: problemType(error.code),
    title: entry.title,
    status: entry.status,
    ...(error.detail ? { detail: bounded(error.detail) } : {}),
    ...(instance ? { instance: bounded(instance) } : {}),
    code: error.code,
    code_number: entry.number,
    request_id: bounded(requestId),
    ...(errors.length > 0 ? { errors } : {}),
    ...error.extensions,
  };
}

/** Hono's own exceptions carry a status; give each a registry code. */
function fromHttpException(error: HTTPException): AppError {
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: error.message.toLowerCase().includes("malformed") ? "MALFORMED_JSON" : "VALIDATION_FAILED",
    401: "AUTH_REQUIRED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    503: "SERVICE_UNAVAILABLE",
  };
  const code = byStatus[error.status] ?? (error.status < 500 ? "VALIDATION_FAILED" : "INTERNAL");
  return new AppError(code, { cause: error });
}

/**
 * The one place errors become HTTP responses. Unknown errors are logged with
 * their stack and answered with a bare 500 problem: nothing internal leaks.
 */
export function errorToResponse(error: unknown, c: Context<AppEnv>): Response {
  const appError = isAppError(error)
    ? error
    : error instanceof HTTPException
    ? fromHttpException(error)
    : new AppError("INTERNAL", { cause: error });
  const logger = c.get("logger");
  if (appError.status >= 500) {
    logger?.error("request failed", {
      "error.code": appError.code,
      error: appError.cause instanceof Error ? appError.cause : appError,
    });
  } else {
    logger?.debug("request rejected", {
      "error.code": appError.code,
      reason: String(appError.cause ?? ""),
    });
  }
  const body = toProblem(appError, c.get("requestId") ?? "unknown", c.req.path);
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (appError.status === 401) headers["www-authenticate"] = 'Bearer realm="logging-audit"';
  if (appError.status === 503 || appError.status === 429) {
    headers["retry-after"] = String(retryAfter(appError));
  }
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

/** The error's own `retry_after_seconds` (e.g. until a breaker probes again), else 5. */
function retryAfter(error: AppError): number {
  const seconds = error.extensions.retry_after_seconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds)
    : 5;
}
