import type { OptionalStringField } from "./log_event.ts";

/**
 * Size limits of one incoming event. They keep a single sender from filling
 * the store with megabyte messages or unbounded label maps, and they keep
 * every value inside what the engines' keyword fields index.
 */
export const EVENT_LIMITS = {
  messageChars: 32_768,
  errorMessageChars: 8_192,
  stackTraceChars: 65_536,
  longStringChars: 2_048,
  shortStringChars: 256,
  idChars: 128,
  labels: 32,
  labelValueChars: 256,
  attributesJsonBytes: 16_384,
  attributesDepth: 8,
  /** Clock skew tolerated for events stamped in the future. */
  maxFutureMinutes: 15,
} as const;

/** Longest accepted value, in characters, of each optional string field. */
export const OPTIONAL_STRING_LIMITS: Readonly<Record<OptionalStringField, number>> = {
  "service.environment": EVENT_LIMITS.shortStringChars,
  "event.action": EVENT_LIMITS.shortStringChars,
  "trace.id": EVENT_LIMITS.idChars,
  "span.id": EVENT_LIMITS.idChars,
  "user.id": EVENT_LIMITS.shortStringChars,
  "source.ip": 64,
  "user_agent.original": EVENT_LIMITS.longStringChars,
  "http.request.method": 16,
  "url.path": EVENT_LIMITS.longStringChars,
  "error.type": EVENT_LIMITS.shortStringChars,
  "error.message": EVENT_LIMITS.errorMessageChars,
  "error.stack_trace": EVENT_LIMITS.stackTraceChars,
  "host.name": EVENT_LIMITS.shortStringChars,
};

/** Events in one ingest request unless configured otherwise (`LOG_INGEST_MAX_EVENTS`). */
export const DEFAULT_INGEST_MAX_EVENTS = 10_000;

/** Service names: lowercase, no separators that an index expression would read. */
export const SERVICE_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

/** Client-chosen event ids (idempotency keys). */
export const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Label keys: one path segment, so `labels.<key>` stays unambiguous in every store. */
export const LABEL_KEY = /^[A-Za-z0-9_]{1,64}$/;
