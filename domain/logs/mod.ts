export {
  defaultCategory,
  EVENT_OUTCOMES,
  type EventOutcome,
  isLogCategory,
  isLogLevel,
  LOG_CATEGORIES,
  LOG_LEVELS,
  type LogCategory,
  type LogEvent,
  type LogLevel,
  SCALAR_FIELDS,
} from "./log_event.ts";
export { EVENT_ID, EVENT_LIMITS, LABEL_KEY, SERVICE_NAME } from "./event_limits.ts";
export { LOG_RETENTION_DAYS, logRetentionCutoffs } from "./log_retention.ts";
export { type EventParseContext, type EventParseResult, parseLogEvent } from "./event_parser.ts";
export { isPlainObject, readFieldPath } from "./field_path.ts";
export {
  type FieldNode,
  leafCount,
  type QueryNode,
  queryToString,
  type TextNode,
} from "./query_ast.ts";
export {
  allowedFieldNames,
  type FieldSpec,
  type FilterField,
  filterFieldSpec,
} from "./query_fields.ts";
export { parseQuery, QUERY_LIMITS } from "./query_parser.ts";
export type { LogFilter, LogOrder } from "./search_filter.ts";
export {
  DEFAULT_SEARCH_LIMITS,
  type LogSearchInput,
  type NormalizedSearch,
  type PreparedSearch,
  prepareSearch,
  searchKey,
  type SearchLimits,
  serviceName,
} from "./search_query.ts";
export type * from "./search_dsl.ts";
export {
  buildErrorGroupsBody,
  buildIndexPattern,
  buildSearchBody,
  buildSearchQuery,
  buildSort,
  DATA_STREAM_NAMESPACE,
  dataStreamName,
  TEXT_FIELDS,
} from "./build_search_query.ts";
export type { CursorBinding, CursorCodec, CursorState } from "./cursor.ts";
export type {
  ErrorGroup,
  HitTotal,
  IngestOutcome,
  LogStore,
  SortPosition,
  StoreSearchRequest,
  StoreSearchResult,
} from "./ports.ts";
export type { SearchHistoryEntry, SearchHistoryRepository } from "./search_history.ts";
export {
  type LogSearchPage,
  maskForReader,
  searchLogs,
  type SearchLogsDeps,
  type SearchOptions,
} from "./search_logs.ts";
export { RECENT_WINDOW_MS, recentLogs } from "./recent_logs.ts";
export { type IngestItem, parseIngestBody } from "./ingest_body.ts";
export {
  type IngestItemResult,
  ingestLogs,
  type IngestLogsDeps,
  type IngestReport,
} from "./ingest_logs.ts";
export {
  TAIL_EVENT_AGE_MS,
  TAIL_REPLAY_MS,
  tailId,
  type TailInput,
  type TailItem,
  tailLogs,
  type TailLogsDeps,
} from "./tail_logs.ts";
export { TEXT_TOKEN_MAX_LENGTH, TEXT_TOKEN_SEPARATOR, textTokens } from "./text_tokens.ts";
export {
  deleteSavedSearch,
  frequentSearches,
  listSavedSearches,
  MAX_FREQUENT,
  type SavedSearchDeps,
  saveSearch,
} from "./saved_searches.ts";
export { unavailableCursorCodec, unavailableLogStore } from "./unavailable_store.ts";
