/**
 * The report task bodies: folding one chunk of rows (parsed here, off the
 * request thread) and drawing a finished report in a format. The pool worker
 * and the inline runner both call these.
 * @module
 */
import {
  type AccumulateInput,
  decodeReportRows,
  partialOf,
  renderCsv,
  renderHtml,
  type ReportPartial,
} from "../domain/reports/mod.ts";
import type { ReportRenderInput, ReportRenderOutput } from "./protocol.ts";
import { renderPdf } from "./report_pdf.ts";

const encoder = new TextEncoder();

/** `report_accumulate`: the partial result of one chunk. */
export function accumulateReportRows(input: AccumulateInput): ReportPartial {
  return partialOf(input.type, decodeReportRows(input.rows), {
    settings: input.settings,
    subject: input.subject,
  });
}

/** `report_render`: the file of a report. */
export async function renderReport(input: ReportRenderInput): Promise<ReportRenderOutput> {
  const { document, format } = input;
  let bytes: Uint8Array;
  switch (format) {
    case "json":
      bytes = encoder.encode(JSON.stringify(document, null, 2) + "\n");
      break;
    case "csv":
      bytes = encoder.encode(renderCsv(document));
      break;
    case "html":
      bytes = encoder.encode(renderHtml(document));
      break;
    case "pdf":
      bytes = await renderPdf(document);
      break;
  }
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return { content: (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer };
}
