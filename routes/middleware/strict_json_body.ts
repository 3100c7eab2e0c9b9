import type { MiddlewareHandler } from "hono";
import { AppError } from "../../domain/errors/mod.ts";
import { findIJsonDefects, formatJsonPath } from "../../domain/json/mod.ts";
import type { AppEnv } from "../app/env.ts";

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads JSON request bodies strictly, before any route validates them: bytes
 * that are not UTF-8 (`INVALID_UTF8`) and JSON that `JSON.parse` would
 * silently change — unsafe integers, numbers beyond a double, repeated
 * member names, unpaired surrogates (`JSON_NOT_INTERCHANGEABLE`) — are
 * refused with the fields named, so what is stored is what was sent.
 * `skip` names requests that read their own body (log ingestion decides
 * per item).
 */
export function strictJsonBody(
  options: { skip?: (method: string, path: string) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async function strictJsonBodyMiddleware(c, next) {
    const method = c.req.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return await next();
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim();
    if (!JSON_TYPE.test(type) || options.skip?.(method, c.req.path)) return await next();

    const bytes = await c.req.arrayBuffer();
    let text: string;
    try {
      text = fatalUtf8.decode(bytes);
    } catch {
      throw new AppError("INVALID_UTF8", { detail: "the body is not valid UTF-8" });
    }
    // A body that is not JSON at all is left to the route's validator
    // (MALFORMED_JSON); only what JSON.parse accepts can be altered by it.
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    if (parses) {
      const defects = findIJsonDefects(text);
      if (defects.length > 0) {
        throw new AppError("JSON_NOT_INTERCHANGEABLE", {
          detail: `${formatJsonPath(defects[0]!.path)}: ${defects[0]!.message}`,
          errors: defects.map((d) => ({ path: formatJsonPath(d.path), message: d.message })),
        });
      }
    }
    // Later readers (the route's validator) get the text decoded here; the
    // cache holds promises at run time, whatever its declared type says.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    await next();
  };
}
