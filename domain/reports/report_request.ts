/**
 * The checks every report request passes before anything is read: a
 * well-formed time range within bounds, the subject where the type needs
 * one, and a caller allowed this type (auditors and admins every type,
 * security analysts the security report, a data subject their own GDPR
 * report when self-service is on).
 * @module
 */
import { can, type Principal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import { clampToStorable } from "../time/mod.ts";
import type { ReportDeps, ReportLimits } from "./report_deps.ts";
import {
  isReportType,
  REPORT_TYPES,
  type ReportParameters,
  type ReportType,
} from "./report_types.ts";

const DAY_MS = 86_400_000;
/** The range a report covers when `from` is not given. */
const DEFAULT_REPORT_DAYS = 30;

/** A request as it arrives; times are ISO strings or absent. */
export interface ReportAsk {
  readonly type: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly subject?: string | undefined;
}

/** Normalises and checks the parameters of a request. */
function reportParameters(
  ask: ReportAsk,
  limits: Pick<ReportLimits, "maxRangeDays">,
  now: Date,
): ReportParameters {
  if (!isReportType(ask.type)) {
    throw new AppError("REPORT_UNKNOWN_TYPE", {
      detail: `"${ask.type}" is not a report type (${REPORT_TYPES.join(", ")})`,
      errors: [{ path: "query.type", message: "unknown report type" }],
    });
  }
  const to = ask.to ? new Date(ask.to) : now;
  const from = ask.from
    ? new Date(ask.from)
    : new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS);
  if (Number.isNaN(to.getTime()) || Number.isNaN(from.getTime())) {
    throw invalidRange("from and to must be ISO 8601 date-times");
  }
  if (from.getTime() >= to.getTime()) throw invalidRange("from must be before to");
  if (to.getTime() - from.getTime() > limits.maxRangeDays * DAY_MS) {
    throw invalidRange(`the range may span at most ${limits.maxRangeDays} days`);
  }
  const subject = ask.subject?.trim();
  if (ask.type === "gdpr" && !subject) throw subjectRequired();
  return {
    type: ask.type,
    from: clampToStorable(from).toISOString(),
    to: clampToStorable(to).toISOString(),
    ...(ask.type === "gdpr" ? { subject } : {}),
  };
}

/** The GDPR report asked for without a data subject (also raised by the query validation). */
export function subjectRequired(): AppError {
  return new AppError("REPORT_SUBJECT_REQUIRED", {
    detail: "name the data subject with subject=<user id>",
    errors: [{ path: "query.subject", message: "required for the gdpr report" }],
  });
}

function invalidRange(detail: string): AppError {
  return new AppError("REPORT_INVALID_RANGE", {
    detail,
    errors: [{ path: "query.from", message: detail }],
  });
}

/** The parameters of `ask`, normalised and checked, for a caller allowed them. */
export function allowedReportParameters(
  deps: Pick<ReportDeps, "limits" | "gdpr" | "audit">,
  principal: Principal,
  ask: ReportAsk,
): ReportParameters {
  const parameters = reportParameters(ask, deps.limits, deps.audit.now());
  checkReportAccess(principal, parameters, { gdprSelfService: deps.gdpr.selfService });
  return parameters;
}

/** Refuses callers not allowed `parameters` (`FORBIDDEN`, recorded as `access.denied`). */
function checkReportAccess(
  principal: Principal,
  parameters: ReportParameters,
  options: { readonly gdprSelfService: boolean },
): void {
  if (mayRequest(principal, parameters.type)) return;
  if (
    parameters.type === "gdpr" && options.gdprSelfService && parameters.subject === principal.id
  ) return;
  throw new AppError("FORBIDDEN", {
    detail: parameters.type === "gdpr"
      ? "only auditors and admins, or the data subject when self-service is enabled"
      : `the ${parameters.type} report needs an auditor or admin role` +
        (parameters.type === "security" ? " or a security analyst" : ""),
  });
}

function mayRequest(principal: Principal, type: ReportType): boolean {
  if (can(principal, "reports:compliance")) return true;
  return type === "security" && can(principal, "reports:security");
}
