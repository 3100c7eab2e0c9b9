import type { LogCategory, LogLevel } from "./log_event.ts";
import type { QueryNode } from "./query_ast.ts";

/**
 * What a store is asked to match, after validation and access control:
 * every field is already bounded and every name is server-chosen. Stores
 * translate it; none of it is user text.
 */
export interface LogFilter {
  /** Inclusive bounds on `@timestamp`. */
  readonly from: Date;
  readonly to: Date;
  /** Never empty: the categories the caller asked for and may read. */
  readonly categories: readonly LogCategory[];
  /** `undefined` means every service. */
  readonly services?: readonly string[];
  readonly levels?: readonly LogLevel[];
  readonly traceId?: string;
  readonly userId?: string;
  readonly text?: QueryNode;
  /**
   * Live tail only: events ingested at or before this instant. The tail stays
   * this far behind the clock so that an event still on its way into the
   * store (a bulk request in flight, an engine refresh) is not overtaken.
   */
  readonly ingestedUntil?: Date;
}

/** Result order: newest first (the default), oldest first, or by ingest time (tail). */
export type LogOrder = "newest" | "oldest" | "ingested";
