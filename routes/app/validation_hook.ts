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
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const base = [result.target, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: `${base}.${key}`, message: "unknown parameter" }));
    }
    return [{ path: base, message: issue.message }];
  });
  const unknownParam = result.target === "query" &&
    result.error.issues.some((issue) => issue.code === "unrecognized_keys");
  throw new AppError(unknownParam ? "UNKNOWN_QUERY_PARAMETER" : "VALIDATION_FAILED", {
    detail: errors.map((e) => `${e.path}: ${e.message}`).join("; ").slice(0, 500),
    errors,
  });
}
