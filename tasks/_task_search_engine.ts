/**
 * The search engine a command-line task works on: the service's connection
 * (ELASTICSEARCH_URL, credentials, SEARCH_ENGINE) with a longer timeout, as a
 * task's requests (template installs, snapshot restores) are slower than the
 * service's.
 * @module
 */
import { searchClientOptions } from "../composition/adapters.ts";
import type { Config } from "../infra/config/mod.ts";
import { closeSearchClient, createSearchClient, type SearchClient } from "../infra/search/mod.ts";
import { engineHttp } from "../infra/search/setup/mod.ts";
import type { EngineHttp } from "../infra/search/setup/engine_http.ts";

/** An open task connection to the search engine. */
export interface TaskSearchEngine {
  readonly engine: SearchClient["engine"];
  /** The host of ELASTICSEARCH_URL, for the task's first line. */
  readonly host: string;
  readonly http: EngineHttp;
  close(): Promise<void>;
}

/**
 * Connects with a request timeout of at least `minTimeoutMs`; undefined when
 * no engine is configured (embedded mode).
 */
export function openTaskSearchEngine(
  config: Config,
  minTimeoutMs: number,
): TaskSearchEngine | undefined {
  const options = searchClientOptions(config);
  if (!options) return undefined;
  const search = createSearchClient(config.SEARCH_ENGINE, {
    ...options,
    timeoutMs: Math.max(options.timeoutMs, minTimeoutMs),
  });
  return {
    engine: search.engine,
    host: new URL(options.url).host,
    http: engineHttp(search),
    close: () => closeSearchClient(search),
  };
}
