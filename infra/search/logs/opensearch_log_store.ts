import { type Client, errors } from "@opensearch-project/opensearch";
import type { Search_RequestBody } from "@opensearch-project/opensearch/api/_core/search.js";
import type { LogStore } from "../../../domain/logs/mod.ts";
import { createEngineLogStore, type EngineLogStoreOptions } from "./engine_log_store.ts";
import {
  bulkCreateOptions,
  type BulkDrop,
  classifyResponse,
  creationTime,
  type EngineErrorKind,
  type EngineOps,
  foundIds,
  idsLookupBody,
  type RawSearchResponse,
  transportOptions,
  writeIndexOf,
} from "./engine_ops.ts";

/**
 * The error types of a search in a point in time that expired or was closed:
 * OpenSearch reports them under more than one name.
 */
const SNAPSHOT_GONE = /search_context_missing|point_in_time/i;

/**
 * The log store on OpenSearch 2.x/3.x (`@opensearch-project/opensearch`).
 * Only the client calls live here: `_search/point_in_time` for points in
 * time (2.4+) and the client's own error classes.
 */
export function createOpenSearchLogStore(client: Client, options: EngineLogStoreOptions): LogStore {
  return createEngineLogStore(openSearchOps(client), options);
}

/** The OpenSearch side of the engine operations. */
export function openSearchOps(client: Client): EngineOps {
  return {
    engine: "opensearch",
    pitTiebreaker: false,

    async search(index, body, options) {
      // The shared DSL, checked against the client's own request type.
      const typed: Search_RequestBody = { ...body };
      const { body: response } = index === undefined
        ? await client.search({ body: typed }, transportOptions(options))
        : await client.search({
          index,
          ignore_unavailable: true,
          allow_no_indices: true,
          body: typed,
        }, transportOptions(options));
      return response as unknown as RawSearchResponse;
    },

    async bulkCreate(documents) {
      const drops: BulkDrop[] = [];
      await client.helpers.bulk(bulkCreateOptions(documents, drops));
      return drops;
    },

    async openPointInTime(index, keepAlive, options) {
      const { body } = await client.createPit({
        index: index.split(","),
        keep_alive: keepAlive,
        allow_partial_pit_creation: false,
        ignore_unavailable: true,
      }, transportOptions(options));
      return body.pit_id;
    },

    async closePointInTime(id) {
      await client.deletePit({ body: { pit_id: [id] } });
    },

    async refresh(index) {
      await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
    },

    async writeIndex(dataStream) {
      const { body } = await client.indices.getDataStream({ name: dataStream }, { ignore: [404] });
      return writeIndexOf(body.data_streams?.[0]?.indices);
    },

    async indexCreated(index) {
      const { body } = await client.indices.getSettings({ index, name: "index.creation_date" });
      return creationTime(body[index]?.settings?.index?.creation_date);
    },

    async existingIds(dataStream, ids) {
      const { body } = await client.search({
        index: dataStream,
        ignore_unavailable: true,
        allow_no_indices: true,
        allow_partial_search_results: false,
        body: idsLookupBody(ids),
      });
      return new Set(body.hits.hits.flatMap((hit) => hit._id ?? []));
    },

    async idsIn(index, ids) {
      const { body } = await client.mget({
        index,
        _source: false,
        realtime: true,
        body: { ids: [...ids] },
      });
      return foundIds(body.docs as { _id?: string; found?: boolean }[]);
    },

    classify(error): EngineErrorKind {
      if (
        error instanceof errors.ConnectionError || error instanceof errors.TimeoutError ||
        error instanceof errors.NoLivingConnectionsError
      ) return "unavailable";
      if (!(error instanceof errors.ResponseError)) return "other";
      const type = (error.meta.body as { error?: { type?: string } } | undefined)?.error?.type ??
        "";
      return classifyResponse(error.meta.statusCode ?? 0, type, SNAPSHOT_GONE);
    },
  };
}
