import { type Client, errors, type estypes } from "@elastic/elasticsearch";
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

/** The error type of a search in a point in time that expired or was closed. */
const SNAPSHOT_GONE = /^search_context_missing_exception$/;

/**
 * The log store on Elasticsearch 8.x (`@elastic/elasticsearch`), the primary
 * production engine. Only the client calls live here: `_pit` for points in
 * time and the client's own error classes.
 */
export function createElasticsearchLogStore(
  client: Client,
  options: EngineLogStoreOptions,
): LogStore {
  return createEngineLogStore(elasticsearchOps(client), options);
}

/** The Elasticsearch side of the engine operations. */
export function elasticsearchOps(client: Client): EngineOps {
  return {
    engine: "elasticsearch",
    pitTiebreaker: true,

    async search(index, body, options) {
      // The shared DSL, checked against the client's own request type.
      const request: estypes.SearchRequest = index === undefined
        ? { ...body }
        : { index, ignore_unavailable: true, allow_no_indices: true, ...body };
      return await client.search(
        request,
        transportOptions(options),
      ) as unknown as RawSearchResponse;
    },

    async bulkCreate(documents) {
      const drops: BulkDrop[] = [];
      await client.helpers.bulk(bulkCreateOptions(documents, drops));
      return drops;
    },

    async openPointInTime(index, keepAlive, options) {
      const response = await client.openPointInTime({
        index,
        keep_alive: keepAlive,
        ignore_unavailable: true,
      }, transportOptions(options));
      return response.id;
    },

    async closePointInTime(id) {
      await client.closePointInTime({ id });
    },

    async refresh(index) {
      await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
    },

    async writeIndex(dataStream) {
      const { data_streams } = await client.indices.getDataStream(
        { name: dataStream },
        { ignore: [404] },
      );
      return writeIndexOf(data_streams?.[0]?.indices);
    },

    async indexCreated(index) {
      const settings = await client.indices.getSettings({ index, name: "index.creation_date" });
      return creationTime(settings[index]?.settings?.index?.creation_date);
    },

    async existingIds(dataStream, ids) {
      const response = await client.search({
        index: dataStream,
        ignore_unavailable: true,
        allow_no_indices: true,
        allow_partial_search_results: false,
        ...idsLookupBody(ids),
      });
      return new Set(response.hits.hits.flatMap((hit) => hit._id ?? []));
    },

    async idsIn(index, ids) {
      const response = await client.mget({ index, _source: false, realtime: true, ids: [...ids] });
      return foundIds(response.docs as { _id?: string; found?: boolean }[]);
    },

    classify(error): EngineErrorKind {
      if (
        error instanceof errors.ConnectionError || error instanceof errors.TimeoutError ||
        error instanceof errors.NoLivingConnectionsError
      ) return "unavailable";
      if (!(error instanceof errors.ResponseError)) return "other";
      const type = (error.body as { error?: { type?: string } } | undefined)?.error?.type ?? "";
      return classifyResponse(error.statusCode ?? 0, type, SNAPSHOT_GONE);
    },
  };
}
