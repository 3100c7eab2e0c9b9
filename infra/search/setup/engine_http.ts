import type { SearchClient } from "../clients.ts";

/** An answer of the engine: status and parsed body; errors are answers too. */
export interface EngineAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Raw requests through either client, for the setup task: it must talk to
 * whatever engine is really behind the URL (an Elasticsearch client may face
 * an OpenSearch-compatible server) and decide from its answers.
 */
export interface EngineHttp {
  request(
    method: "GET" | "PUT" | "POST" | "DELETE",
    path: string,
    body?: unknown,
  ): Promise<EngineAnswer>;
}

const ANSWERED = [400, 401, 403, 404, 405, 409];

/** Raw requests through the configured client. */
export function engineHttp(search: SearchClient): EngineHttp {
  return {
    async request(method, path, body) {
      if (search.engine === "elasticsearch") {
        const result = await search.client.transport.request(
          {
            method,
            path,
            ...(body === undefined ? {} : { body: body as Record<string, unknown> }),
          },
          { meta: true, ignore: ANSWERED },
        );
        return { status: result.statusCode ?? 0, body: result.body };
      }
      const result = await search.client.transport.request(
        { method, path, ...(body === undefined ? {} : { body: body as Record<string, unknown> }) },
        { ignore: ANSWERED },
      );
      return { status: result.statusCode ?? 0, body: result.body };
    },
  };
}
