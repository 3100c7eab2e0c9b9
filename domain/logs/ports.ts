import type { LogCategory, LogEvent } from "./log_event.ts";
import type { LogFilter, LogOrder } from "./search_filter.ts";

/**
 * A position in a sorted result: the sort values of the last event seen.
 * Without a snapshot every store uses `[epochMillis, eventId]` (the time of
 * the order's clock, then the id as tie-breaker); with a snapshot a store may
 * append values of its own. Opaque to everything but the store.
 */
export type SortPosition = readonly (string | number)[];

/** One page request to a store. */
export interface StoreSearchRequest {
  readonly filter: LogFilter;
  readonly order: LogOrder;
  readonly size: number;
  /** Continue strictly after this position. */
  readonly after?: SortPosition;
  /** A snapshot (point in time) opened by an earlier page. */
  readonly snapshot?: string;
  /** Open or keep a snapshot for the pages after this one, where the store has them. */
  readonly keepSnapshot?: boolean;
  /** Count matches exactly up to this bound; 0 skips counting. */
  readonly totalBound: number;
  /**
   * Longest wait for each request to the store, when shorter than the
   * store's own timeout (the resilience layer passes what is left of a
   * request's deadline).
   */
  readonly timeoutMs?: number;
}

/** A hit count, exact or a lower bound (`gte`) once the bound is reached. */
export interface HitTotal {
  readonly value: number;
  readonly relation: "eq" | "gte";
}

/** One page from a store. */
export interface StoreSearchResult {
  readonly events: readonly LogEvent[];
  readonly total: HitTotal;
  /** Set when more events follow: where the next page starts. */
  readonly next?: SortPosition;
  /** The snapshot the next page should use, when the store keeps one. */
  readonly snapshot?: string;
  /** Set by the resilience layer when the read-only fallback cluster answered. */
  readonly origin?: "primary" | "fallback";
}

/** Events of one `error.type` in a filter, as the errors endpoint groups them. */
export interface ErrorGroup {
  readonly type: string;
  readonly count: number;
}

/** Keyword fields a count may be grouped by (alert rules). */
export type CountGroupField =
  | "service.name"
  | "service.environment"
  | "error.type"
  | "log.level"
  | "host.name"
  | "event.action"
  | "url.path";

/** Matches of one group (`key` is "" for an ungrouped count). */
export interface CountGroup {
  readonly key: string;
  readonly count: number;
}

/** The outcome of writing one event. */
export type IngestOutcome =
  | { readonly status: "created" }
  | { readonly status: "duplicate" }
  | { readonly status: "failed"; readonly reason: string };

/**
 * Where log events live: Elasticsearch, OpenSearch or Postgres (SPEC S4).
 * Routes and use cases only ever see this port, and the adapters prove with
 * one shared table of queries that they answer alike.
 */
export interface LogStore {
  readonly engine: "elasticsearch" | "opensearch" | "postgres";
  /**
   * How long after ingestion an event may take to become visible to search
   * (engine refresh interval plus margin); the live tail stays this far back.
   */
  readonly visibilityLagMs: number;
  /**
   * Writes events, idempotently by `event.id`: writing an id already stored
   * (in the same time partition) reports `duplicate` and changes nothing.
   * Outcomes are in input order.
   */
  ingest(events: readonly LogEvent[]): Promise<IngestOutcome[]>;
  search(request: StoreSearchRequest): Promise<StoreSearchResult>;
  /** The most frequent `error.type` values among the matches, most frequent first. */
  errorGroups(
    filter: LogFilter,
    size: number,
    options?: { readonly timeoutMs?: number },
  ): Promise<ErrorGroup[]>;
  /**
   * Matches counted per value of `field`, most frequent first, at most `size`
   * groups (events without the field are not counted); without `field` one
   * group with key "" and the number of all matches.
   */
  countGroups(filter: LogFilter, field: CountGroupField | undefined, size: number): Promise<
    CountGroup[]
  >;
  /** Releases a snapshot early (last page reached). Never throws. */
  releaseSnapshot(snapshot: string): Promise<void>;
  /** Makes everything ingested so far searchable (tests, seeding). */
  refresh(categories?: readonly LogCategory[]): Promise<void>;
}
