/**
 * What truly differs between Elasticsearch and OpenSearch for the log store:
 * the client, point-in-time endpoints, and error types. Everything else —
 * the query DSL, documents, paging, bulk outcome mapping — is shared.
 * @module
 */
import type {
  DslCountGroupsBody,
  DslErrorGroupsBody,
  DslReportCountsBody,
  DslSearchBody,
} from "./query_dsl.ts";

/** A hit as both engines return it. */
export interface RawHit {
  readonly _id?: string | null;
  readonly _source?: unknown;
  readonly sort?: readonly unknown[];
}

/** The part of a search response the store reads. */
export interface RawSearchResponse {
  readonly hits: {
    readonly total?: { readonly value: number; readonly relation: string } | number;
    readonly hits: readonly RawHit[];
  };
  readonly pit_id?: string;
  readonly aggregations?: unknown;
}

/** A search body: at an index expression, or inside a point in time. */
export type EngineSearchBody =
  | (DslSearchBody & { readonly pit?: { readonly id: string; readonly keep_alive: string } })
  | DslErrorGroupsBody
  | DslCountGroupsBody
  | DslReportCountsBody;

/** How a bulk-written document ended, as the bulk helpers report drops. */
export interface BulkDrop {
  readonly eventId: string;
  readonly status: number;
  readonly reason: string;
}

/**
 * What the log store reads of a bulk response: whether anything failed and,
 * per item, its status and error. Without it the engine returns (and the
 * client parses) index, id, version, shards and sequence numbers for every
 * document — most of the response, and a measurable share of ingest time.
 * The bulk helpers read no other field.
 */
const BULK_RESPONSE_FILTER = "errors,items.*.status,items.*.error";

/** What both clients' bulk helpers report for a document they gave up on. */
interface HelperDrop {
  readonly operation: unknown;
  readonly status: number;
  readonly error: { readonly type?: string; readonly reason?: string | null } | null;
}

/**
 * The options both engines' bulk helpers take for `create` writes (idempotent
 * by id), collecting refused documents into `drops`. One definition, so the
 * two adapters cannot drift apart in batching, retries or what they record.
 */
export function bulkCreateOptions(documents: readonly BulkDocument[], drops: BulkDrop[]) {
  return {
    datasource: [...documents],
    onDocument: (doc: BulkDocument) =>
      [{ create: { _index: doc.index, _id: doc.id } }, doc.document] as [
        { create: { _index: string; _id: string } },
        BulkDocument["document"],
      ],
    onDrop: (drop: HelperDrop) => {
      drops.push({
        // The helper hands back the sent payload, not the datasource item.
        eventId: String((drop.operation as { create?: { _id?: string } }).create?._id ?? ""),
        status: drop.status,
        reason: `${drop.error?.type ?? "error"}: ${drop.error?.reason ?? ""}`.slice(0, 500),
      });
    },
    filter_path: BULK_RESPONSE_FILTER,
    flushBytes: 5 * 1024 * 1024,
    concurrency: 2,
    retries: 2,
    wait: 200,
  };
}

/** Kinds of engine errors the store reacts to differently. */
export type EngineErrorKind = "unavailable" | "snapshot_gone" | "other";

/**
 * The kind of an error response, by the rules both engines share: overload
 * and gateway failures mean unreachable; a 404 whose error type matches
 * `snapshotGone` means the point in time expired. Each engine names that
 * type its own way, so each passes its own pattern.
 */
export function classifyResponse(
  status: number,
  type: string,
  snapshotGone: RegExp,
): EngineErrorKind {
  if (status === 404 && snapshotGone.test(type)) return "snapshot_gone";
  if (status === 429 || status === 502 || status === 503 || status === 504) return "unavailable";
  return "other";
}

/** Per-request options: a timeout shorter than the client's (what is left of a deadline). */
export interface RequestOptions {
  readonly timeoutMs?: number;
}

/** The client's per-request options for `options`. */
export function transportOptions(options: RequestOptions | undefined) {
  return options?.timeoutMs !== undefined
    ? { requestTimeout: Math.max(1, Math.round(options.timeoutMs)) }
    : {};
}

/** One engine's client, seen through the operations the log store needs. */
export interface EngineOps {
  readonly engine: "elasticsearch" | "opensearch";
  /**
   * Elasticsearch appends an implicit `_shard_doc` tie-breaker to the sort
   * of point-in-time searches; OpenSearch does not.
   */
  readonly pitTiebreaker: boolean;
  search(
    index: string | undefined,
    body: EngineSearchBody,
    options?: RequestOptions,
  ): Promise<RawSearchResponse>;
  /** Writes `create` operations with the client's bulk helper; returns the dropped ones. */
  bulkCreate(documents: readonly BulkDocument[]): Promise<BulkDrop[]>;
  openPointInTime(index: string, keepAlive: string, options?: RequestOptions): Promise<string>;
  closePointInTime(id: string): Promise<void>;
  refresh(index: string): Promise<void>;
  /**
   * The data stream's current write index and the backing index before it,
   * if any; `undefined` when the stream does not exist yet.
   */
  writeIndex(dataStream: string): Promise<WriteIndex | undefined>;
  /** When an index was created (epoch ms, the engine's clock); it never changes. */
  indexCreated(index: string): Promise<number | undefined>;
  /**
   * Which of these `_id`s are stored anywhere in the data stream (a search:
   * it sees what the engine has refreshed; no partial answers).
   */
  existingIds(dataStream: string, ids: readonly string[]): Promise<Set<string>>;
  /** Which of these `_id`s one index holds, refreshed or not (a real-time multi-get). */
  idsIn(index: string, ids: readonly string[]): Promise<Set<string>>;
  classify(error: unknown): EngineErrorKind;
}

/** A data stream's write index, as {@linkcode EngineOps.writeIndex} reports it. */
export interface WriteIndex {
  readonly name: string;
  /** The index's uuid: names repeat when a data stream is deleted and made again. */
  readonly uuid: string;
  /** The backing index written before this one, if any. */
  readonly previous?: string;
}

/** The write index of a data stream's backing indices: both engines list it last. */
export function writeIndexOf(
  indices: readonly { readonly index_name: string; readonly index_uuid: string }[] | undefined,
): WriteIndex | undefined {
  const last = indices?.[indices.length - 1];
  if (last === undefined) return undefined;
  const previous = indices!.length > 1 ? indices![indices!.length - 2]!.index_name : undefined;
  return { name: last.index_name, uuid: last.index_uuid, ...(previous ? { previous } : {}) };
}

/** `index.creation_date` as both engines answer it: epoch milliseconds in a string. */
export function creationTime(value: string | number | undefined): number | undefined {
  const time = Number(value);
  return value !== undefined && Number.isFinite(time) ? time : undefined;
}

/** A search for which of `ids` exist: ids only, no sources, no total. */
export function idsLookupBody(ids: readonly string[]) {
  return {
    query: { ids: { values: [...ids] } },
    _source: false,
    size: ids.length,
    track_total_hits: false,
  };
}

/** The ids a multi-get found. */
export function foundIds(
  docs: readonly { readonly _id?: string | null; readonly found?: boolean }[] | undefined,
): Set<string> {
  return new Set((docs ?? []).flatMap((doc) => (doc.found && doc._id ? [doc._id] : [])));
}

/** One document to create, with where it goes. */
export interface BulkDocument {
  readonly index: string;
  readonly id: string;
  readonly document: Record<string, unknown>;
}
