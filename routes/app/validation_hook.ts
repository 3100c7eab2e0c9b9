import type { ZodError } from "zod";
import { AppError, type FieldError } from "../../domain/errors/mod.ts";

/**
 * The default validation hook of every router: all validation failures take
 * one shape. Unknown query parameters get a code of their own, since they are
 * usually a client typo that would otherwise be silently ignored.
 */
export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
): void {
  if (result.success) return;
  const errors = fieldErrors(result.error, {
    root: result.target,
    unknownKey: "unknown parameter",
  });
  const unknownParam = result.target === "query" &&
    result.error.issues.some((issue) => issue.code === "unrecognized_keys");
  throw new AppError(unknownParam ? "UNKNOWN_QUERY_PARAMETER" : "VALIDATION_FAILED", {
    detail: errorDetail(errors),
    errors,
  });
}

/**
 * One field error per zod issue, its path rooted at `root`. An unrecognized
 * key becomes an error of its own, so a client sees exactly which name to fix.
 */
export function fieldErrors(
  error: ZodError,
  options: { root: string; unknownKey: string },
): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = [options.root, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: `${at}.${key}`, message: options.unknownKey }));
    }
    return [{ path: at, message: issue.message }];
  });
}

/** The problem `detail` summing up field errors, bounded so a huge input cannot bloat it. */
export function errorDetail(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join("; ").slice(0, 500);
}
