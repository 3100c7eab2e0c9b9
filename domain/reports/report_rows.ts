/**
 * The rows reports are built from: a projection of the audit events with
 * only the fields the builders read, held column by column. A chunk travels
 * from the database to a worker as the JSON text of these columns, so the
 * request thread neither builds per-row objects nor copies them to the
 * worker; the worker parses it natively.
 * @module
 */

/** A chunk of report rows, one array per field, all of the same length. */
export interface ReportRows {
  readonly seq: readonly number[];
  /** `occurred_at` in epoch milliseconds. */
  readonly at: readonly number[];
  readonly actor: readonly string[];
  readonly actor_type: readonly string[];
  readonly ip: readonly (string | null)[];
  readonly action: readonly string[];
  readonly action_type: readonly string[];
  readonly resource_type: readonly string[];
  readonly resource_id: readonly (string | null)[];
  readonly outcome: readonly string[];
  /** The metadata value at the configured purpose path, when it is a string. */
  readonly purpose: readonly (string | null)[];
  /** The metadata value at the configured row-count path, when it is a number. */
  readonly count: readonly (number | null)[];
  /** GDPR: the metadata names the subject at one of the configured paths. */
  readonly named: readonly boolean[];
}

/** The columns of {@linkcode ReportRows}, in the order the encoded text lists them. */
const REPORT_ROW_COLUMNS = [
  "seq",
  "at",
  "actor",
  "actor_type",
  "ip",
  "action",
  "action_type",
  "resource_type",
  "resource_id",
  "outcome",
  "purpose",
  "count",
  "named",
] as const satisfies readonly (keyof ReportRows)[];

/**
 * Rows as the text a row source produced: a JSON object with one array per
 * column. Parsed only where the rows are used (a worker).
 */
export type EncodedReportRows = string;

/**
 * Parses encoded rows; columns a report does not read may be left out and
 * read as nulls. Throws `SyntaxError` on text that is not a chunk of rows.
 */
export function decodeReportRows(text: EncodedReportRows): ReportRows {
  const parsed = JSON.parse(text) as Partial<Record<keyof ReportRows, unknown[]>>;
  const first = REPORT_ROW_COLUMNS.map((c) => parsed[c]).find((v) => v !== undefined);
  if (!Array.isArray(first)) throw new SyntaxError("report rows: no column");
  const length = first.length;
  for (const column of REPORT_ROW_COLUMNS) {
    const values = parsed[column];
    if (values === undefined) {
      parsed[column] = new Array(length).fill(null);
    } else if (!Array.isArray(values) || values.length !== length) {
      throw new SyntaxError(`report rows: column ${column} is of another length`);
    }
  }
  return parsed as unknown as ReportRows;
}

/** Encodes rows (tests, benchmarks and in-memory sources). */
export function encodeReportRows(rows: ReportRows): EncodedReportRows {
  return JSON.stringify(rows);
}
