/**
 * The log event of SPEC S5.1, keyed by Elastic Common Schema field names.
 * The same flat, dotted shape is what clients send, what the API returns and
 * what every store maps to its own layout, so a field has one name end to end.
 */

/** Severity levels, lowest first. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Each category is its own data stream (and lifecycle) in the search engines. */
export const LOG_CATEGORIES = ["app", "error", "security"] as const;
export type LogCategory = (typeof LOG_CATEGORIES)[number];

export const EVENT_OUTCOMES = ["success", "failure", "unknown"] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** A stored log event. Optional fields are absent, never `null`. */
export interface LogEvent {
  readonly "event.id": string;
  readonly "@timestamp": string;
  /** When the service accepted the event; live tail follows this clock. */
  readonly "event.ingested": string;
  readonly message: string;
  readonly "log.level": LogLevel;
  readonly "service.name": string;
  readonly "service.environment"?: string;
  readonly "event.category": LogCategory;
  readonly "event.action"?: string;
  readonly "event.outcome"?: EventOutcome;
  readonly "trace.id"?: string;
  readonly "span.id"?: string;
  readonly "user.id"?: string;
  readonly "source.ip"?: string;
  readonly "user_agent.original"?: string;
  readonly "http.request.method"?: string;
  readonly "url.path"?: string;
  readonly "http.response.status_code"?: number;
  readonly "error.type"?: string;
  readonly "error.message"?: string;
  readonly "error.stack_trace"?: string;
  readonly "host.name"?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/** The optional single-valued string fields, in ECS order. */
export const OPTIONAL_STRING_FIELDS = [
  "service.environment",
  "event.action",
  "trace.id",
  "span.id",
  "user.id",
  "source.ip",
  "user_agent.original",
  "http.request.method",
  "url.path",
  "error.type",
  "error.message",
  "error.stack_trace",
  "host.name",
] as const satisfies readonly (keyof LogEvent)[];

export type OptionalStringField = (typeof OPTIONAL_STRING_FIELDS)[number];

/** Every single-valued field of the event (`labels` and `attributes` are maps). */
export const SCALAR_FIELDS = [
  "@timestamp",
  "event.id",
  "event.ingested",
  "message",
  "log.level",
  "service.name",
  "event.category",
  "event.outcome",
  "http.response.status_code",
  ...OPTIONAL_STRING_FIELDS,
] as const satisfies readonly (keyof LogEvent)[];

/** True when `value` names a level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && (LOG_LEVELS as readonly string[]).includes(value);
}

/** True when `value` names a category. */
export function isLogCategory(value: unknown): value is LogCategory {
  return typeof value === "string" && (LOG_CATEGORIES as readonly string[]).includes(value);
}

/**
 * The category an event is filed under when the sender does not say:
 * error and fatal events go to the error stream, the rest to application.
 */
export function defaultCategory(level: LogLevel): LogCategory {
  return level === "error" || level === "fatal" ? "error" : "app";
}
