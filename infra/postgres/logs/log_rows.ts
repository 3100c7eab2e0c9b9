/**
 * Mapping between `log_events` rows and domain events, and the text-search
 * vectors built with the shared tokenizer.
 * @module
 */
import { type LogEvent, type LogLevel, textTokens } from "../../../domain/logs/mod.ts";

/** A row as the driver returns it. */
export interface LogRow {
  readonly event_id: string;
  readonly ts: Date;
  readonly ingested: Date;
  readonly category: LogEvent["event.category"];
  readonly level: LogLevel;
  readonly service_name: string;
  readonly service_environment: string | null;
  readonly message: string;
  readonly event_action: string | null;
  readonly event_outcome: LogEvent["event.outcome"] | null;
  readonly trace_id: string | null;
  readonly span_id: string | null;
  readonly user_id: string | null;
  readonly source_ip: string | null;
  readonly user_agent: string | null;
  readonly http_method: string | null;
  readonly url_path: string | null;
  readonly http_status: number | null;
  readonly error_type: string | null;
  readonly error_message: string | null;
  readonly error_stack_trace: string | null;
  readonly host_name: string | null;
  readonly labels: Record<string, string> | null;
  readonly attributes: Record<string, unknown> | null;
}

/** The optional columns, by the event field each holds. */
const OPTIONAL_COLUMNS = {
  "service.environment": "service_environment",
  "event.action": "event_action",
  "event.outcome": "event_outcome",
  "trace.id": "trace_id",
  "span.id": "span_id",
  "user.id": "user_id",
  "source.ip": "source_ip",
  "user_agent.original": "user_agent",
  "http.request.method": "http_method",
  "url.path": "url_path",
  "http.response.status_code": "http_status",
  "error.type": "error_type",
  "error.message": "error_message",
  "error.stack_trace": "error_stack_trace",
  "host.name": "host_name",
  labels: "labels",
  attributes: "attributes",
} as const satisfies Partial<Record<keyof LogEvent, keyof LogRow>>;

/**
 * Every event field a column holds unchanged, by field: the optional columns
 * and the required ones except the two timestamps (kept as `timestamptz`).
 * The filter translation takes its column names from here.
 */
export const FIELD_COLUMNS = {
  "event.id": "event_id",
  "event.category": "category",
  "log.level": "level",
  "service.name": "service_name",
  message: "message",
  ...OPTIONAL_COLUMNS,
} as const satisfies Partial<Record<keyof LogEvent, keyof LogRow>>;

const OPTIONAL = Object.entries(OPTIONAL_COLUMNS) as readonly [keyof LogEvent, keyof LogRow][];

/** Column list of `log_events` as selected by the store. */
export const LOG_COLUMNS = [
  "event_id",
  "ts",
  "ingested",
  "category",
  "level",
  "service_name",
  ...OPTIONAL.map(([, column]) => column),
  "message",
] as const;

/** A stored row back as the event it was. */
export function rowToEvent(row: LogRow): LogEvent {
  const event: Record<string, unknown> = {
    "event.id": row.event_id,
    "@timestamp": row.ts.toISOString(),
    "event.ingested": row.ingested.toISOString(),
    message: row.message,
    "log.level": row.level,
    "service.name": row.service_name,
    "event.category": row.category,
  };
  for (const [field, column] of OPTIONAL) {
    const value = row[column];
    if (value !== null && value !== undefined) event[field] = value;
  }
  return event as unknown as LogEvent;
}

/** An event as the JSON record the bulk insert reads (`jsonb_to_recordset`). */
export function eventToRecord(event: LogEvent): Record<string, unknown> {
  const record: Record<string, unknown> = {
    event_id: event["event.id"],
    ts: event["@timestamp"],
    ingested: event["event.ingested"],
    category: event["event.category"],
    level: event["log.level"],
    service_name: event["service.name"],
    message: event.message,
    search_vector: searchVector(event.message, event["error.message"]),
  };
  for (const [field, column] of OPTIONAL) {
    const value = event[field];
    if (value !== undefined) record[column] = value;
  }
  return record;
}

/** Postgres keeps at most this many positions per word and positions up to 16383. */
const MAX_POSITIONS = 255;
const MAX_POSITION = 16_383;

/**
 * A `tsvector` literal: message words weighted A, error-message words B, so a
 * phrase only matches inside one field, as it does in the search engines.
 */
export function searchVector(message: string, errorMessage: string | undefined): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (text: string, weight: "A" | "B") => {
    for (const token of textTokens(text)) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS) list.push(`${position}${weight}`);
      positions.set(token, list);
    }
  };
  add(message, "A");
  if (errorMessage) add(errorMessage, "B");
  return [...positions].map(([token, list]) => `'${token}':${list.join(",")}`).join(" ");
}
