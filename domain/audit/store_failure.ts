import { AppError, isAppError } from "../errors/mod.ts";

/**
 * What a failed audit store read or write surfaces as: a typed error passes
 * through, anything else (driver, network, timeout) becomes
 * `AUDIT_STORE_UNAVAILABLE` (503). Audit operations fail closed, never half
 * done and never as an unexplained 500.
 */
export function auditStoreError(cause: unknown, detail?: string): AppError {
  return isAppError(cause) ? cause : new AppError("AUDIT_STORE_UNAVAILABLE", { detail, cause });
}
