export { type ErrorCode, type ErrorCodeEntry, LoggingErrorCode, problemType } from "./codes.ts";
export { AppError, type AppErrorOptions, type FieldError, isAppError } from "./app_error.ts";
