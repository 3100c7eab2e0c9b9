/**
 * The four reports of SPEC S6 (`GET /api/v1/audit/reports/compliance`) and
 * what every one of them states about itself: its parameters, when it was
 * generated and by whom, and the chain head it covered, so a reader can tell
 * exactly which events it speaks for.
 * @module
 */
import type { ChainHead } from "../audit/mod.ts";

export const REPORT_TYPES = ["compliance", "gdpr", "privacy", "security"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_FORMATS = ["json", "csv", "html", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Media types of the formats. */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8; header=present",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

/** True when `value` names a report type. */
export function isReportType(value: string): value is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(value);
}

/** What a report is about: the time range, and for GDPR the data subject. */
export interface ReportParameters {
  readonly type: ReportType;
  /** Inclusive lower bound on `occurred_at` (ISO, UTC). */
  readonly from: string;
  /** Exclusive upper bound on `occurred_at` (ISO, UTC). */
  readonly to: string;
  /** GDPR only: the data subject's user id. */
  readonly subject?: string | undefined;
}

/** A generated report before it is rendered to a format. */
export interface ReportDocument<D = unknown> {
  readonly report_id: string;
  readonly type: ReportType;
  /** The report's title; the PDF's and HTML page's title too. */
  readonly title: string;
  /** One line saying what the report covers; the PDF's subject. */
  readonly subject: string;
  readonly parameters: ReportParameters;
  readonly generated_at: string;
  readonly generated_by: string;
  /** The newest link of the chain when generation began: no later event is counted. */
  readonly chain_head: ChainHead;
  /** Audit rows read to build the report. */
  readonly rows_scanned: number;
  readonly data: D;
}
