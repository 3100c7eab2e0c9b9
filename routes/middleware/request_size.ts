import type { MiddlewareHandler } from "hono";
import { AppError } from "../../domain/errors/mod.ts";
import type { AppEnv } from "../app/env.ts";

/** The largest request target and header block the API reads. */
export interface RequestSizeLimits {
  readonly maxUrlBytes: number;
  readonly maxHeaderBytes: number;
}

/**
 * Refuses an oversized request target with 414 and an oversized header block
 * with 431, as problems with a body. The limits sit below the runtime's own
 * (about 64 KiB, answered with a bare 400 before the app sees the request),
 * so a client gets a reason for everything between them.
 */
export function requestSize(limits: RequestSizeLimits): MiddlewareHandler<AppEnv> {
  return async function requestSizeMiddleware(c, next) {
    const url = new URL(c.req.url);
    const target = url.pathname.length + url.search.length;
    if (target > limits.maxUrlBytes) {
      throw new AppError("URI_TOO_LONG", {
        detail: `the request target is ${target} bytes; at most ${limits.maxUrlBytes}`,
      });
    }
    let headerBytes = 0;
    c.req.raw.headers.forEach((value, name) => headerBytes += name.length + value.length + 4);
    if (headerBytes > limits.maxHeaderBytes) {
      throw new AppError("HEADERS_TOO_LARGE", {
        detail: `the request headers are ${headerBytes} bytes; at most ${limits.maxHeaderBytes}`,
      });
    }
    await next();
  };
}
