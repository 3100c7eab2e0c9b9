/**
 * The error-code registry (SPEC S7). Every error a client can see has one
 * entry here: a stable machine code, a number in its range, an HTTP status and
 * a title. Ranges: 1000–1099 generic, 2000–2099 authentication and access,
 * 3000–3099 log search and ingestion, 3100–3199 audit, 3200–3299 reports,
 * 3300–3399 alerts.
 *
 * Codes and numbers are a public contract: never renumber, only add.
 */
export const LoggingErrorCode = {
  VALIDATION_FAILED: { number: 1000, status: 400, title: "Request validation failed" },
  MALFORMED_JSON: { number: 1001, status: 400, title: "Malformed JSON body" },
  PAYLOAD_TOO_LARGE: { number: 1002, status: 413, title: "Request body too large" },
  URI_TOO_LONG: { number: 1013, status: 414, title: "Request target too long" },
  HEADERS_TOO_LARGE: { number: 1014, status: 431, title: "Request header fields too large" },
  INVALID_UTF8: { number: 1015, status: 400, title: "Request text is not valid UTF-8" },
  JSON_NOT_INTERCHANGEABLE: {
    number: 1016,
    status: 400,
    title: "JSON the service would store altered (RFC 7493 I-JSON)",
  },
  INVALID_PARAMETER_TEXT: {
    number: 1017,
    status: 400,
    title: "A parameter holds text that cannot be stored (NUL or an unpaired surrogate)",
  },
  UNKNOWN_QUERY_PARAMETER: { number: 1003, status: 400, title: "Unknown query parameter" },
  NOT_FOUND: { number: 1004, status: 404, title: "Resource not found" },
  METHOD_NOT_ALLOWED: { number: 1005, status: 405, title: "Method not allowed" },
  UNSUPPORTED_MEDIA_TYPE: { number: 1006, status: 415, title: "Unsupported media type" },
  CONFLICT: { number: 1007, status: 409, title: "Conflict" },
  SERVICE_UNAVAILABLE: { number: 1010, status: 503, title: "A required dependency is unavailable" },
  OVERLOADED: { number: 1011, status: 503, title: "Service is at capacity, retry later" },
  TIMEOUT: { number: 1012, status: 503, title: "The operation timed out" },
  INTERNAL: { number: 1099, status: 500, title: "Internal error" },

  AUTH_REQUIRED: { number: 2000, status: 401, title: "Authentication required" },
  AUTH_INVALID_TOKEN: { number: 2001, status: 401, title: "Invalid or expired token" },
  FORBIDDEN: { number: 2003, status: 403, title: "Access denied" },

  LOG_QUERY_INVALID: { number: 3000, status: 400, title: "Invalid log query" },
  LOG_QUERY_FORBIDDEN_SYNTAX: {
    number: 3001,
    status: 400,
    title: "Query syntax not allowed (wildcard prefix, regex or script)",
  },
  LOG_FIELD_NOT_ALLOWED: { number: 3002, status: 400, title: "Field is not searchable" },
  LOG_TIME_RANGE_TOO_WIDE: { number: 3003, status: 400, title: "Time range exceeds the limit" },
  LOG_PAGE_SIZE_TOO_LARGE: { number: 3004, status: 400, title: "Page size exceeds the limit" },
  LOG_CURSOR_INVALID: { number: 3005, status: 400, title: "Invalid or foreign cursor" },
  LOG_EVENT_INVALID: { number: 3010, status: 400, title: "Invalid log event" },
  LOG_BATCH_TOO_LARGE: { number: 3011, status: 413, title: "Too many log events in one request" },
  LOG_SEARCH_NOT_FOUND: { number: 3020, status: 404, title: "Saved search not found" },
  LOG_STORE_UNAVAILABLE: { number: 3050, status: 503, title: "Log store unavailable" },
  SEARCH_UNAVAILABLE: {
    number: 3051,
    status: 503,
    title: "Log search is unavailable and no cached answer is at hand",
  },
  CACHE_PATTERN_INVALID: { number: 3070, status: 400, title: "Invalid cache key pattern" },
  LOG_TAIL_LIMIT: { number: 3060, status: 429, title: "Too many live tails for this caller" },
  LOG_TAIL_CAPACITY: { number: 3061, status: 503, title: "No live tail free on this instance" },

  AUDIT_EVENT_INVALID: { number: 3100, status: 400, title: "Invalid audit event" },
  AUDIT_BATCH_TOO_LARGE: { number: 3101, status: 413, title: "Too many audit events in one batch" },
  AUDIT_TIMESTAMP_IN_FUTURE: {
    number: 3102,
    status: 400,
    title: "Audit event timestamp is too far in the future",
  },
  AUDIT_UNKNOWN_ACTION_TYPE: { number: 3103, status: 400, title: "Unknown audit action type" },
  AUDIT_DUPLICATE_CONFLICT: {
    number: 3104,
    status: 409,
    title: "Event id already used for a different event",
  },
  AUDIT_CURSOR_INVALID: { number: 3105, status: 400, title: "Invalid or foreign audit cursor" },
  AUDIT_CHECKPOINT_NOT_FOUND: { number: 3110, status: 404, title: "Audit checkpoint not found" },
  AUDIT_VERIFICATION_BUSY: {
    number: 3120,
    status: 503,
    title: "A chain verification is already running, retry later",
  },
  AUDIT_STORE_UNAVAILABLE: { number: 3150, status: 503, title: "Audit store unavailable" },

  REPORT_INVALID_RANGE: { number: 3200, status: 400, title: "Invalid report time range" },
  REPORT_UNKNOWN_TYPE: { number: 3201, status: 400, title: "Unknown report type" },
  REPORT_JOB_NOT_FOUND: { number: 3202, status: 404, title: "Report job not found" },
  REPORT_JOB_EXPIRED: {
    number: 3203,
    status: 410,
    title: "Report job expired; request the report again",
  },
  REPORT_TOO_LARGE: {
    number: 3204,
    status: 400,
    title: "Report too large to answer directly; request it as a job",
  },
  REPORT_JOB_NOT_READY: { number: 3205, status: 409, title: "Report job has no result yet" },
  REPORT_SUBJECT_REQUIRED: {
    number: 3206,
    status: 400,
    title: "The GDPR report needs the data subject",
  },
  REPORT_GENERATION_FAILED: { number: 3250, status: 500, title: "Report generation failed" },

  ALERT_NOT_FOUND: { number: 3300, status: 404, title: "Alert not found" },
  ALERT_STATE_CONFLICT: {
    number: 3301,
    status: 409,
    title: "The alert is not in a state that allows this change",
  },
  ALERT_INVALID: { number: 3302, status: 400, title: "Invalid alert" },
  ALERT_SILENCE_NOT_FOUND: { number: 3310, status: 404, title: "Silence not found" },
  ALERT_SILENCE_INVALID: { number: 3311, status: 400, title: "Invalid silence" },
  ALERT_RULE_INVALID: { number: 3320, status: 400, title: "Invalid alert rule" },
  ALERT_RULE_NOT_FOUND: { number: 3321, status: 404, title: "Alert rule not found" },
  ALERT_RULE_WINDOW_TOO_WIDE: {
    number: 3322,
    status: 400,
    title: "Alert rule window or interval exceeds the limit",
  },
  ALERT_RULE_NAME_TAKEN: { number: 3323, status: 409, title: "An alert rule has this name" },
} as const satisfies Record<string, ErrorCodeEntry>;

/** One registry entry. */
export interface ErrorCodeEntry {
  readonly number: number;
  readonly status:
    | 400
    | 401
    | 403
    | 404
    | 405
    | 409
    | 410
    | 413
    | 414
    | 415
    | 429
    | 431
    | 500
    | 503;
  readonly title: string;
}

/** A stable machine code such as `LOG_QUERY_INVALID`. */
export type ErrorCode = keyof typeof LoggingErrorCode;

/** Problem `type` URI of a code: a relative reference served by the service itself. */
export function problemType(code: ErrorCode): string {
  return `/problems/${code.toLowerCase().replaceAll("_", "-")}`;
}
