/**
 * The four builders behind one door, by report type: what the worker task
 * and the report generation call.
 * @module
 */
import type { ReportRows } from "../report_rows.ts";
import type { ReportType } from "../report_types.ts";
import type { BuildContext, ReportBuilder } from "./builder.ts";
import { complianceBuilder } from "./compliance.ts";
import { gdprBuilder } from "./gdpr.ts";
import { privacyBuilder } from "./privacy.ts";
import { securityBuilder } from "./security.ts";

export type { BuildContext, ReportBuilder } from "./builder.ts";
export * from "./compliance.ts";
export * from "./gdpr.ts";
export * from "./privacy.ts";
export * from "./security.ts";
export { type EventRef, OTHER_KEY } from "./tally.ts";

// deno-lint-ignore no-explicit-any
type AnyBuilder = ReportBuilder<any, any, any>;

const BUILDERS: Readonly<Record<ReportType, AnyBuilder>> = {
  compliance: complianceBuilder,
  gdpr: gdprBuilder,
  privacy: privacyBuilder,
  security: securityBuilder,
};

/** A partial result of some report type (plain data: maps, arrays, numbers). */
export type ReportPartial = unknown;

/** A new partial of `type`. */
export function emptyPartial(type: ReportType): ReportPartial {
  return BUILDERS[type].empty();
}

/** The partial of one chunk of rows. */
export function partialOf(type: ReportType, rows: ReportRows, context: BuildContext) {
  const partial = BUILDERS[type].empty();
  BUILDERS[type].add(partial, rows, context);
  return partial as ReportPartial;
}

/** Folds `from` into `into`. */
export function mergePartial(
  type: ReportType,
  into: ReportPartial,
  from: ReportPartial,
  context: BuildContext,
): void {
  BUILDERS[type].merge(into, from, context);
}

/** The report data of a total partial; `extras` is the type's own (see each builder). */
export function finishPartial(
  type: ReportType,
  total: ReportPartial,
  context: BuildContext,
  extras: unknown,
): unknown {
  return BUILDERS[type].finish(total, context, extras);
}
