import { type ErrorCode, LoggingErrorCode } from "./codes.ts";

/** One invalid input field, as reported to clients. */
export interface FieldError {
  /** Where the problem is: `body.events[3].action`, `query.page_size`, … */
  readonly path: string;
  readonly message: string;
}

/** Options of {@linkcode AppError}. */
export interface AppErrorOptions {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly cause?: unknown;
  /** Extra members placed on the problem body (e.g. `retry_after_seconds`). */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * The one error type the domain throws. The HTTP layer turns it into an
 * RFC 9457 problem in a single place; `detail` must be safe to show a client.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? LoggingErrorCode[code].title, { cause: options.cause });
    this.code = code;
    this.status = LoggingErrorCode[code].status;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extensions = options.extensions ?? {};
  }
}

/** True when `error` is an {@linkcode AppError}, whatever realm it came from. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError ||
    (error instanceof Error && error.name === "AppError" && "code" in error);
}
