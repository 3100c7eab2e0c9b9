import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../domain/observability/mod.ts";
import type { AppEnv } from "../app/env.ts";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** W3C traceparent: version-traceid-parentid-flags. */
function traceIdFrom(traceparent: string | undefined): string | undefined {
  const match = traceparent
    ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent)
    : null;
  return match?.[1];
}

/**
 * Accepts a well-formed incoming `x-request-id` (else makes one), echoes it on
 * the response, and runs the rest of the request inside a log context so
 * every line logged beneath carries the request and trace ids.
 */
export function requestContext(options: { logger: Logger }): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const traceId = traceIdFrom(c.req.header("traceparent"));
    c.set("requestId", requestId);
    c.set("logger", options.logger);
    c.header("x-request-id", requestId);
    await options.logger.withContext({ requestId, ...(traceId ? { traceId } : {}) }, () => next());
    // Error responses are built after `next` returns; make sure they carry the id too.
    c.res.headers.set("x-request-id", requestId);
  };
}
