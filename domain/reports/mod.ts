export * from "./report_types.ts";
export * from "./report_rows.ts";
export * from "./report_settings.ts";
export * from "./processing_register.ts";
export { DEFAULT_PCI_MAPPING, isPciRequirementId, type PciRule } from "./pci_requirements.ts";
export { isActionPattern } from "./action_patterns.ts";
export { parseBusinessHours } from "./business_hours.ts";
export * from "./builders/mod.ts";
export * from "./ports.ts";
export type { GdprSettings, ReportDeps, ReportLimits } from "./report_deps.ts";
export { type ReportAsk, subjectRequired } from "./report_request.ts";
export { type GeneratedReport, generateReport, type GenerateRequest } from "./generate_report.ts";
export {
  type Delivery,
  downloadReportJob,
  getReportJob,
  type ReportAnswer,
  type ReportOrder,
  requestReport,
  runNextReportJob,
} from "./report_jobs.ts";
export type { RowFocus } from "./row_focus.ts";
export { type Cell, headerFacts, type ReportSection, reportSections } from "./report_sections.ts";
export { renderCsv } from "./render_csv.ts";
export { chartBars, escapeHtml, renderHtml } from "./render_html.ts";
export { subjectCopy, type SubjectCopyRequest } from "./subject_copy_download.ts";
