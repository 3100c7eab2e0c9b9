/**
 * A report builder is an accumulator over streamed rows: `empty` starts a
 * partial result, `add` folds one chunk of rows into it, `merge` combines two
 * partials (so chunks can be folded in any worker and the partials combined
 * on the way), and `finish` turns the total into the report's data. No
 * builder keeps rows; partials hold bounded tallies only.
 * @module
 */
import type { ReportRows } from "../report_rows.ts";
import type { ReportSettings } from "../report_settings.ts";

/** What every chunk is folded with. */
export interface BuildContext {
  readonly settings: ReportSettings;
  /** GDPR: the data subject. */
  readonly subject?: string | undefined;
}

export interface ReportBuilder<P, D, X> {
  empty(): P;
  add(partial: P, rows: ReportRows, context: BuildContext): void;
  merge(into: P, from: P, context: BuildContext): void;
  /** The report data from the total, with what the report adds from elsewhere (`extras`). */
  finish(total: P, context: BuildContext, extras: X): D;
}

/** An event reference from row `i`. */
export function rowRef(rows: ReportRows, i: number) {
  const id = rows.resource_id[i];
  return {
    seq: rows.seq[i]!,
    occurred_at: new Date(rows.at[i]!).toISOString(),
    actor: rows.actor[i]!,
    action: rows.action[i]!,
    resource: id === null || id === undefined
      ? rows.resource_type[i]!
      : `${rows.resource_type[i]}:${id}`,
    outcome: rows.outcome[i]!,
  };
}
