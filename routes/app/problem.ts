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

/** Builds the problem body of an application error. */
export function toProblem(error: AppError, requestId: string, instance?: string): Problem {
  const entry = LoggingErrorCode[error.code];
  return {
    type: problemType(error.code),
    title: entry.title,
    status: entry.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    code: error.code,
    code_number: entry.number,
    request_id: requestId,
    ...(error.errors.length > 0 ? { errors: [...error.errors] } : {}),
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
  if (appError.status === 503 || appError.status === 429) headers["retry-after"] = "5";
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}
