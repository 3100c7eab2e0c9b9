export {
  EVENT_OUTCOMES,
  LOG_CATEGORIES,
  LOG_LEVELS,
  type LogCategory,
  type LogEvent,
  type LogLevel,
  OPTIONAL_STRING_FIELDS,
  type OptionalStringField,
  SCALAR_FIELDS,
} from "./log_event.ts";
export {
  DEFAULT_INGEST_MAX_EVENTS,
  EVENT_ID,
  EVENT_LIMITS,
  LABEL_KEY,
  OPTIONAL_STRING_LIMITS,
  SERVICE_NAME,
} from "./event_limits.ts";
export { LOG_RETENTION_DAYS, logRetentionCutoffs } from "./log_retention.ts";
export { LEVEL_ALIASES, parseLogEvent } from "./event_parser.ts";
export { isPlainObject, readFieldPath } from "./field_path.ts";
export type { FieldNode, QueryNode, TextNode } from "./query_ast.ts";
export { parseQuery, QUERY_LIMITS } from "./query_parser.ts";
export type { LogFilter, LogOrder } from "./search_filter.ts";
export {
  DEFAULT_SEARCH_LIMITS,
  ID_FILTER,
  type LogSearchInput,
  type NormalizedSearch,
  prepareSearch,
  type SearchLimits,
} from "./search_query.ts";
export {
  type CursorBinding,
  type CursorCodec,
  type CursorState,
  SIGNED_CURSOR,
  SIGNED_CURSOR_MAX_CHARS,
} from "./cursor.ts";
export type {
  CountGroup,
  CountGroupField,
  ErrorGroup,
  HitTotal,
  IngestOutcome,
  LogStore,
  SortPosition,
  StoreSearchRequest,
  StoreSearchResult,
} from "./ports.ts";
export type { SearchHistoryEntry, SearchHistoryRepository } from "./search_history.ts";
export { type LogSearchPage, searchLogs, type SearchLogsDeps } from "./search_logs.ts";
export { recentLogs } from "./recent_logs.ts";
export { parseIngestBody } from "./ingest_body.ts";
export { ingestLogs } from "./ingest_logs.ts";
export { TAIL_POSITION, tailLogs } from "./tail_logs.ts";
export { TEXT_TOKEN_MAX_LENGTH, TEXT_TOKEN_SEPARATOR, textTokens } from "./text_tokens.ts";
export {
  deleteSavedSearch,
  frequentSearches,
  listSavedSearches,
  MAX_FREQUENT,
  SAVED_SEARCH_NAME,
  type SavedSearchDeps,
  saveSearch,
} from "./saved_searches.ts";
export { unavailableCursorCodec, unavailableLogStore } from "./unavailable_store.ts";
export {
  createTailSlots,
  DEFAULT_TAIL_LIMITS,
  type TailLimits,
  type TailSlots,
} from "./tail_slots.ts";
