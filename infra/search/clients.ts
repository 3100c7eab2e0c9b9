import { Client as ElasticsearchClient } from "@elastic/elasticsearch";
import {
  Client as OpenSearchClient,
  Connection as OpenSearchConnection,
} from "@opensearch-project/opensearch";

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
      Connection: SendOnceConnection,
      ...(options.username
        ? { auth: { username: options.username, password: options.password ?? "" } }
        : {}),
    }),
  };
}

/**
 * The OpenSearch client's connection, sending each request once. The
 * runtime's `node:http` re-sends a request on a fresh connection when its
 * reused keep-alive socket closes before the answer — also when the client
 * itself aborted the request on timeout (denoland/deno#36786) — so a slow
 * engine would receive every timed-out search twice, past the retry policy's
 * bound. A request the client aborts is marked as already retried, which
 * turns that off; the runtime's retry of a stale idle socket is kept for
 * requests nobody aborted. (The Elasticsearch client's undici connection is
 * not affected.)
 */
class SendOnceConnection extends OpenSearchConnection {
  constructor(options: ConstructorParameters<typeof OpenSearchConnection>[0]) {
    super(options);
    const makeRequest = this.makeRequest as (params: unknown) => AbortableRequest;
    this.makeRequest = (params: unknown) => {
      const request = makeRequest(params);
      const abort = request.abort.bind(request);
      request.abort = () => {
        request._retrying = true;
        abort();
      };
      return request;
    };
  }
}

/** What the connection touches of a `node:http` request. */
interface AbortableRequest {
  abort(): void;
  /** The runtime's flag: this request was retried already, never retry it again. */
  _retrying?: boolean;
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
