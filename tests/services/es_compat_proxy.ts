/**
 * Elasticsearch compatibility proxy — a TEST HARNESS, never shipped.
 *
 * No Elasticsearch 8 server can be installed on the build machines, but OpenSearch can. The
 * official `@elastic/elasticsearch` 8.x client refuses to talk to OpenSearch for two reasons:
 *
 * 1. it sends `application/vnd.elasticsearch+json; compatible-with=8` (and `+x-ndjson` for bulk)
 *    as `content-type` / `accept`, which OpenSearch rejects with 406;
 * 2. it throws `ProductNotSupportedError` on any 2xx response without the header
 *    `x-elastic-product: Elasticsearch`.
 *
 * This proxy sits in front of the OpenSearch node, rewrites those two request headers to their
 * plain equivalents and adds the product header to every response, streaming bodies both ways.
 * That lets the Elasticsearch adapter be tested with the real client against a real search engine.
 * It does not paper over API differences between the engines: a request OpenSearch does not
 * understand still fails, as it would in production.
 *
 * Configuration (environment):
 * - `ES_COMPAT_PROXY_TARGET` — upstream OpenSearch URL (default `http://127.0.0.1:59200`)
 * - `ES_COMPAT_PROXY_HOST`   — listen address (default `127.0.0.1`)
 * - `ES_COMPAT_PROXY_PORT`   — listen port (default `59201`)
 *
 * Run: `deno run --allow-net --allow-env tests/services/es_compat_proxy.ts`
 *
 * @module
 */

/** Request/response headers that describe one hop only and must not be forwarded. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
];

/**
 * Maps an Elasticsearch vendor media type to the plain one OpenSearch understands.
 * `application/vnd.elasticsearch+json; compatible-with=8` → `application/json`,
 * `application/vnd.elasticsearch+x-ndjson; compatible-with=8` → `application/x-ndjson`.
 * Any other value is returned unchanged.
 */
export function plainMediaType(value: string): string {
  return value.replace(
    /application\/vnd\.elasticsearch\+([a-z0-9.-]+)(\s*;\s*compatible-with=\d+)?/gi,
    (_match, subtype: string) => `application/${subtype.toLowerCase()}`,
  );
}

/** Builds the fetch handler that forwards every request to `target`. */
export function createHandler(target: URL): (request: Request) => Promise<Response> {
  return async (request: Request): Promise<Response> => {
    const incoming = new URL(request.url);
    const upstreamUrl = new URL(incoming.pathname + incoming.search, target);

    const headers = new Headers(request.headers);
    for (const name of HOP_BY_HOP) headers.delete(name);
    for (const name of ["content-type", "accept"]) {
      const value = headers.get(name);
      if (value !== null) headers.set(name, plainMediaType(value));
    }
    // fetch() would transparently decompress a compressed answer but keep its
    // content-encoding header, so the client would decompress twice: ask for identity.
    headers.delete("accept-encoding");
    // The body is streamed (chunked); a stale length would contradict it.
    headers.delete("content-length");

    const hasBody = request.body !== null && request.method !== "GET" &&
      request.method !== "HEAD";

    let upstream: Response;
    try {
      upstream = await fetch(upstreamUrl, {
        method: request.method,
        headers,
        body: hasBody ? request.body : undefined,
        redirect: "manual",
        signal: request.signal,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return Response.json(
        { error: { type: "es_compat_proxy_upstream_error", reason, upstream: target.href } },
        { status: 502, headers: { "x-elastic-product": "Elasticsearch" } },
      );
    }

    const responseHeaders = new Headers(upstream.headers);
    for (const name of HOP_BY_HOP) responseHeaders.delete(name);
    responseHeaders.delete("content-encoding");
    responseHeaders.delete("content-length");
    responseHeaders.set("x-elastic-product", "Elasticsearch");

    return new Response(request.method === "HEAD" ? null : upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: responseHeaders,
    });
  };
}

if (import.meta.main) {
  const target = new URL(Deno.env.get("ES_COMPAT_PROXY_TARGET") ?? "http://127.0.0.1:59200");
  const hostname = Deno.env.get("ES_COMPAT_PROXY_HOST") ?? "127.0.0.1";
  const port = Number(Deno.env.get("ES_COMPAT_PROXY_PORT") ?? "59201");

  Deno.serve({
    hostname,
    port,
    onListen: ({ hostname, port }) => {
      console.log(`es-compat-proxy listening on http://${hostname}:${port} → ${target.href}`);
    },
  }, createHandler(target));
}
