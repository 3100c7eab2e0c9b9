/**
 * A report as CSV: RFC 4180 with the export's formula guard (the audit
 * export's own writer). One record shape for every table, so any CSV reader
 * takes it: `section, kind, c1 … cN`, where kind is `title`, `note`,
 * `columns` (the names of the section's cells) or `row`; the report's facts
 * come first as `fact` records of section `report`.
 * @module
 */
import { csvRecord } from "../audit/mod.ts";
import { type Cell, headerFacts, reportSections } from "./report_sections.ts";
import type { ReportDocument } from "./report_types.ts";

export function renderCsv(document: ReportDocument): string {
  const sections = reportSections(document);
  const width = Math.max(2, ...sections.map((s) => s.columns.length));
  const record = (section: string, kind: string, cells: readonly Cell[]) => {
    const values = cells.map(cellText);
    while (values.length < width) values.push(null);
    return csvRecord([section, kind, ...values]);
  };
  let text = csvRecord([
    "section",
    "kind",
    ...Array.from({ length: width }, (_, i) => `c${i + 1}`),
  ]);
  text += record("report", "title", [document.title]);
  text += record("report", "note", [document.subject]);
  for (const [key, value] of headerFacts(document)) text += record("report", "fact", [key, value]);
  for (const section of sections) {
    text += record(section.id, "title", [section.title]);
    if (section.note) text += record(section.id, "note", [section.note]);
    text += record(section.id, "columns", section.columns);
    for (const row of section.rows) text += record(section.id, "row", row);
  }
  return text;
}

function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  return typeof cell === "string" ? cell : String(cell);
}
