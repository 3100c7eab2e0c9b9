import { AppError } from "../../../domain/errors/mod.ts";
import {
  type CountGroup,
  type ErrorGroup,
  type IngestOutcome,
  LOG_CATEGORIES,
  type LogStore,
  type SortPosition,
  type StoreSearchRequest,
  type StoreSearchResult,
} from "../../../domain/logs/mod.ts";
import {
  buildCountGroupsBody,
  buildErrorGroupsBody,
  buildIndexPattern,
  buildSearchBody,
  dataStreamName,
} from "./build_search_body.ts";
import { fromDocument, toDocument } from "./ecs_document.ts";
import type { EngineOps, RawSearchResponse } from "./engine_ops.ts";
import { rolloverDuplicateCheck } from "./rollover_duplicates.ts";

/** Options of {@linkcode createEngineLogStore}. */
export interface EngineLogStoreOptions {
  /** Data stream namespace: `logs-<category>-<namespace>`. */
  readonly namespace: string;
  /** How long an idle point in time lives, e.g. `"5m"`. */
  readonly snapshotKeepAlive: string;
  /** Refresh interval plus the slowest bulk request: the live tail's distance. */
  readonly visibilityLagMs?: number;
  /** Logger fields; `error` is what was thrown, as it was. */
  readonly onWarning?: (message: string, fields?: Record<string, unknown>) => void;
  /** After a failed rollover-duplicate lookup, how long a stream is written unchecked. */
  readonly duplicateCheckBackoffMs?: number;
  readonly now?: () => number;
}

/** Greater than any `_shard_doc` value: skips every copy of the position's event. */
const AFTER_EVERY_SHARD_DOC = Number.MAX_SAFE_INTEGER;

/**
 * The log store on a search engine: the shared half of the Elasticsearch and
 * OpenSearch adapters. Documents go to the category's data stream with
 * `create` (idempotent by `_id` = event id within a backing index, and across
 * rollovers by {@linkcode rolloverDuplicateCheck}); pages are
 * `search_after` on (time, id), inside a point in time from the second page
 * on, where the engine has one.
 */
export function createEngineLogStore(ops: EngineOps, options: EngineLogStoreOptions): LogStore {
  const ns = options.namespace;
  let snapshotsSupported = true;
  const findStored = rolloverDuplicateCheck(ops, {
    backoffMs: options.duplicateCheckBackoffMs,
    now: options.now,
    onWarning: options.onWarning,
  });

  const fail = (error: unknown): never => {
    if (ops.classify(error) === "unavailable") {
      throw new AppError("LOG_STORE_UNAVAILABLE", {
        detail: `${ops.engine} is unreachable`,
        cause: error,
      });
    }
    throw error;
  };

  async function openSnapshot(index: string, timeoutMs?: number): Promise<string | undefined> {
    if (!snapshotsSupported) return undefined;
    try {
      return await ops.openPointInTime(index, options.snapshotKeepAlive, { timeoutMs });
    } catch (error) {
      if (ops.classify(error) === "unavailable") fail(error);
      snapshotsSupported = false;
      options.onWarning?.("point in time not available; paging with search_after alone", {
        "search.engine": ops.engine,
        error,
      });
      return undefined;
    }
  }

  async function search(request: StoreSearchRequest): Promise<StoreSearchResult> {
    const index = buildIndexPattern(request.filter.categories, ns);
    const body = buildSearchBody(request);
    const timeout = { timeoutMs: request.timeoutMs };
    let snapshot = request.snapshot ??
      (request.keepSnapshot ? await openSnapshot(index, request.timeoutMs) : undefined);
    let response: RawSearchResponse | undefined;
    if (snapshot) {
      try {
        response = await ops.search(undefined, {
          ...body,
          ...(request.after ? { search_after: afterValues(request.after, true) } : {}),
          pit: { id: snapshot, keep_alive: options.snapshotKeepAlive },
        }, timeout);
      } catch (error) {
        if (ops.classify(error) !== "snapshot_gone") fail(error);
        snapshot = undefined; // expired: continue without a snapshot
      }
    }
    if (!response) {
      response = await ops.search(index, {
        ...body,
        ...(request.after ? { search_after: afterValues(request.after, false) } : {}),
      }, timeout).catch(fail);
    }

    const hits = response.hits.hits;
    const events = hits.slice(0, request.size).map((hit) =>
      fromDocument((hit._source ?? {}) as Record<string, unknown>, hit._id ?? "")
    );
    const more = hits.length > request.size;
    const last = hits[request.size - 1];
    return {
      events,
      total: totalOf(response, request, events.length, more),
      ...(more && last?.sort ? { next: last.sort as SortPosition } : {}),
      ...(snapshot ? { snapshot: response.pit_id ?? snapshot } : {}),
    };
  }

  /** Positions from pages without a snapshot lack the engine's own tie-breaker. */
  function afterValues(after: SortPosition, withSnapshot: boolean): (string | number)[] {
    const base = [...after.slice(0, 2)];
    if (!withSnapshot || !ops.pitTiebreaker) return base;
    return after.length > 2 ? [...after] : [...base, AFTER_EVERY_SHARD_DOC];
  }

  return {
    engine: ops.engine,
    visibilityLagMs: options.visibilityLagMs ?? 3_000,

    async ingest(events) {
      if (events.length === 0) return [];
      const writes = events.map((event) => ({
        dataStream: dataStreamName(event["event.category"], ns),
        id: event["event.id"],
        timestamp: event["@timestamp"],
      }));
      // The documents are built while the duplicate check's requests are on the wire.
      const checked = findStored(writes);
      checked.catch(() => {}); // awaited below; not unhandled should building throw first
      const built = events.map((event) => toDocument(event));
      const stored = await checked.catch(fail);
      const documents = built.flatMap((document, i) =>
        stored[i] ? [] : [{ index: writes[i]!.dataStream, id: writes[i]!.id, document }]
      );
      const drops = documents.length === 0 ? [] : await ops.bulkCreate(documents).catch(fail);
      const byId = new Map(drops.map((d) => [d.eventId, d]));
      return events.map((event, i): IngestOutcome => {
        if (stored[i]) return { status: "duplicate" };
        const drop = byId.get(event["event.id"]);
        if (!drop) return { status: "created" };
        if (drop.status === 409) return { status: "duplicate" };
        return { status: "failed", reason: drop.reason };
      });
    },

    search,

    async errorGroups(filter, size, request) {
      const index = buildIndexPattern(filter.categories, ns);
      const response = await ops.search(index, buildErrorGroupsBody(filter, size), request)
        .catch(fail);
      const buckets = (response.aggregations as {
        by_type?: { buckets?: { key: string; doc_count: number }[] };
      } | undefined)?.by_type?.buckets ?? [];
      return buckets.map((b): ErrorGroup => ({ type: String(b.key), count: b.doc_count }));
    },

    async countGroups(filter, field, size) {
      const index = buildIndexPattern(filter.categories, ns);
      const response = await ops.search(index, buildCountGroupsBody(filter, field, size))
        .catch(fail);
      if (!field) {
        const total = response.hits.total;
        return [{ key: "", count: typeof total === "number" ? total : total?.value ?? 0 }];
      }
      const buckets = (response.aggregations as {
        groups?: { buckets?: { key: string | number; doc_count: number }[] };
      } | undefined)?.groups?.buckets ?? [];
      return buckets.map((b): CountGroup => ({ key: String(b.key), count: b.doc_count }));
    },

    async releaseSnapshot(snapshot) {
      try {
        await ops.closePointInTime(snapshot);
      } catch {
        // It expires on its own.
      }
    },

    async refresh(categories = LOG_CATEGORIES) {
      await ops.refresh(buildIndexPattern(categories, ns)).catch(fail);
    },
  };
}

function totalOf(
  response: RawSearchResponse,
  request: StoreSearchRequest,
  seen: number,
  more: boolean,
): StoreSearchResult["total"] {
  const total = response.hits.total;
  if (request.totalBound > 0 && total !== undefined) {
    if (typeof total === "number") return { value: total, relation: "eq" };
    return { value: total.value, relation: total.relation === "gte" ? "gte" : "eq" };
  }
  return { value: seen, relation: more ? "gte" : "eq" };
}
