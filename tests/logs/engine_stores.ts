/**
 * The search-engine stores under test: a fresh data-stream namespace per
 * run on the real test node, templates installed by the production setup,
 * everything of the namespace deleted afterwards.
 * @module
 */
import { createSearchClient, type SearchClient } from "../../infra/search/mod.ts";
import { createSearchLogStore } from "../../infra/search/logs/mod.ts";
import { engineHttp, setupSearchEngine } from "../../infra/search/setup/mod.ts";
import type { LogStore } from "../../domain/logs/mod.ts";

/** A store on the engine at `url`, in a namespace of its own. */
export async function openEngineStore(
  engine: "elasticsearch" | "opensearch",
  url: string,
): Promise<{ store: LogStore; search: SearchClient; namespace: string; close(): Promise<void> }> {
  const search = createSearchClient(engine, { url, timeoutMs: 30_000 });
  const namespace = `t${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await setupSearchEngine(engineHttp(search), { namespace });
  const store = createSearchLogStore(search, {
    namespace,
    snapshotKeepAlive: "1m",
    visibilityLagMs: 1_500,
  });
  return {
    store,
    search,
    namespace,
    async close() {
      await engineHttp(search).request("DELETE", `/_data_stream/logs-*-${namespace}`);
      await search.client.close();
    },
  };
}
