export type { HttpMetrics, LogContext, LogFields, Logger, RequestLabels } from "./ports.ts";
