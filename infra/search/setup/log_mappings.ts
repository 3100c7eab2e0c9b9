/**
 * Explicit ECS mappings and analysis settings of the log data streams. No
 * dynamic mapping: unknown fields stay in `_source` only, and the free-form
 * `attributes` and `labels` are one flattened field each, so no sender can
 * grow the mapping (SPEC S5.1).
 * @module
 */
import { TEXT_TOKEN_MAX_LENGTH, TEXT_TOKEN_SEPARATOR } from "../../../domain/logs/mod.ts";

/**
 * The flattened field type by engine: `flattened` (Elasticsearch 7.3+),
 * `flat_object` (OpenSearch 2.7+), or, where neither exists, an object kept
 * in `_source` without being indexed.
 */
export const FLATTENED_TYPES = {
  elasticsearch: { type: "flattened", ignore_above: 1024 },
  opensearch: { type: "flat_object" },
  none: { type: "object", enabled: false },
} as const;

const keyword = { type: "keyword", ignore_above: 1024 } as const;

/**
 * The text analyser: the same word rule as the Postgres store's tokenizer
 * (`domain/logs/text_tokens.ts`), so text search matches alike everywhere.
 */
export function logAnalysis() {
  return {
    analyzer: {
      log_text: {
        type: "custom" as const,
        tokenizer: "log_words",
        filter: ["lowercase", "log_word_length"],
      },
    },
    tokenizer: { log_words: { type: "pattern" as const, pattern: TEXT_TOKEN_SEPARATOR } },
    filter: { log_word_length: { type: "truncate" as const, length: TEXT_TOKEN_MAX_LENGTH } },
  };
}

/** The mappings of every log data stream, with the engine's flattened type. */
export function logMappings<F extends object>(flattened: F) {
  const text = { type: "text" as const, analyzer: "log_text" };
  return {
    dynamic: "false" as const,
    date_detection: false,
    properties: {
      "@timestamp": { type: "date" as const },
      message: text,
      event: {
        properties: {
          id: keyword,
          ingested: { type: "date" as const },
          category: keyword,
          action: keyword,
          outcome: keyword,
        },
      },
      log: { properties: { level: keyword } },
      service: { properties: { name: keyword, environment: keyword } },
      trace: { properties: { id: keyword } },
      span: { properties: { id: keyword } },
      user: { properties: { id: keyword } },
      source: { properties: { ip: keyword } },
      user_agent: { properties: { original: { type: "keyword" as const, ignore_above: 2048 } } },
      http: {
        properties: {
          request: { properties: { method: keyword } },
          response: { properties: { status_code: { type: "integer" as const } } },
        },
      },
      url: { properties: { path: { type: "keyword" as const, ignore_above: 2048 } } },
      error: {
        properties: {
          type: keyword,
          message: text,
          stack_trace: { type: "text" as const, index: false },
        },
      },
      host: { properties: { name: keyword } },
      labels: flattened,
      attributes: flattened,
    },
  };
}
