import type { ZodError } from "zod";
import { AppError } from "../../domain/errors/mod.ts";
import { REPORT_TYPES, subjectRequired } from "../../domain/reports/mod.ts";
import { validationHook } from "../app/validation_hook.ts";

type Issue = ZodError["issues"][number];
type Result =
  & { target: string; data?: unknown }
  & ({ success: true } | { success: false; error: ZodError });

/**
 * Validation hook of the report routes. When the one thing wrong is the
 * report `type` or the GDPR report's data subject, the problem keeps the
 * code the domain gives it (`REPORT_UNKNOWN_TYPE`, `REPORT_SUBJECT_REQUIRED`)
 * rather than the generic one, so a client can tell which fix is needed.
 * `gdpr`: the route is the GDPR report's own (the subject always needed).
 */
export function reportQueryHook(options: { readonly gdpr: boolean }) {
  return (result: Result): undefined => {
    if (result.success) return undefined;
    const issues = result.error.issues;
    const query = (result.data ?? {}) as Record<string, unknown>;
    const named = query.type !== undefined; // an absent type is a plain missing parameter
    if (
      result.target === "query" && named &&
      onlyAbout(issues, "type", (i) => i.code === "invalid_value")
    ) {
      throw new AppError("REPORT_UNKNOWN_TYPE", {
        detail: `${JSON.stringify(String(query.type)).slice(0, 80)} is not a report type ` +
          `(${REPORT_TYPES.join(", ")})`,
        errors: [{ path: "query.type", message: "unknown report type" }],
      });
    }
    const gdpr = options.gdpr || query.type === "gdpr";
    // Absent, empty or blank; too long stays a plain validation failure.
    if (
      result.target === "query" && gdpr &&
      onlyAbout(issues, "subject", (i) => i.code !== "too_big")
    ) {
      throw subjectRequired();
    }
    validationHook(result);
    return undefined;
  };
}

function onlyAbout(issues: readonly Issue[], field: string, test: (i: Issue) => boolean) {
  return issues.length > 0 &&
    issues.every((i) => i.path.length === 1 && i.path[0] === field && test(i));
}
