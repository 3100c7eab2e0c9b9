import { Client as ElasticsearchClient } from "@elastic/elasticsearch";
import { Client as OpenSearchClient } from "@opensearch-project/opensearch";

/** Connection settings shared by both engines' clients. */
export interface SearchClientOptions {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly apiKey?: string;
  readonly timeoutMs: number;
}

/** The client of the configured engine, tagged so adapters can tell them apart. */
export type SearchClient =
  | { readonly engine: "elasticsearch"; readonly client: ElasticsearchClient }
  | { readonly engine: "opensearch"; readonly client: OpenSearchClient };

/**
 * Builds the official client of the configured engine. Retries are left to
 * the resilience layer (one policy for both engines), so the clients' own
 * retries are off.
 */
export function createSearchClient(
  engine: "elasticsearch" | "opensearch",
  options: SearchClientOptions,
): SearchClient {
  if (engine === "elasticsearch") {
    const auth = options.apiKey
      ? { apiKey: options.apiKey }
      : options.username
      ? { username: options.username, password: options.password ?? "" }
      : undefined;
    return {
      engine,
      client: new ElasticsearchClient({
        node: options.url,
        requestTimeout: options.timeoutMs,
        maxRetries: 0,
        ...(auth ? { auth } : {}),
      }),
    };
  }
  return {
    engine,
    client: new OpenSearchClient({
      node: options.url,
      requestTimeout: options.timeoutMs,
      maxRetries: 0,
      ...(options.username
        ? { auth: { username: options.username, password: options.password ?? "" } }
        : {}),
    }),
  };
}

/** Cluster health through the engine's own client. */
export async function clusterHealth(
  search: SearchClient,
): Promise<{ status: string; name: string }> {
  if (search.engine === "elasticsearch") {
    const health = await search.client.cluster.health();
    return { status: String(health.status), name: health.cluster_name };
  }
  const { body } = await search.client.cluster.health();
  return { status: String(body.status), name: String(body.cluster_name) };
}

/** Closes the client's connections. */
export async function closeSearchClient(search: SearchClient): Promise<void> {
  await search.client.close();
}
