import type { MiddlewareHandler } from "hono";
import { AppError, type FieldError } from "../../domain/errors/mod.ts";
import { isStorableText } from "../../domain/json/mod.ts";
import type { AppEnv } from "../app/env.ts";

/** Names and values are cut to this in error messages. */
const MAX_ECHO_CHARS = 64;

/**
 * Refuses path segments and query parameters whose percent-encoding is not
 * UTF-8, or that decode to NUL or an unpaired surrogate, with 400
 * `INVALID_PARAMETER_TEXT`: no store can carry such text, so it must not
 * reach one as a filter (where it failed as a store error) or be recorded
 * altered (search history). The runtime's own decoding would replace bad
 * bytes with U+FFFD silently, so the raw target is decoded here.
 */
export function parameterText(): MiddlewareHandler<AppEnv> {
  return async function parameterTextMiddleware(c, next) {
    const url = c.req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const queryAt = url.indexOf("?", start);
    const path = queryAt < 0 ? url.slice(start) : url.slice(start, queryAt);
    const errors: FieldError[] = [];
    if (path.includes("%")) {
      for (const segment of path.split("/")) {
        if (!isDecodable(segment)) {
          errors.push({ path: "path", message: `segment ${echo(segment)} ${WHY}` });
        }
      }
    }
    if (queryAt >= 0) {
      for (const pair of url.slice(queryAt + 1).split("&")) {
        const eq = pair.indexOf("=");
        const name = eq < 0 ? pair : pair.slice(0, eq);
        const value = eq < 0 ? "" : pair.slice(eq + 1);
        if (!isDecodable(name)) {
          errors.push({ path: "query", message: `a parameter name ${WHY}` });
        } else if (!isDecodable(value)) {
          errors.push({ path: `query.${echo(decode(name)!)}`, message: WHY });
        }
      }
    }
    if (errors.length > 0) {
      throw new AppError("INVALID_PARAMETER_TEXT", {
        detail: `${errors[0]!.path}: ${errors[0]!.message}`,
        errors: errors.slice(0, 10),
      });
    }
    await next();
  };
}

const WHY = "is not UTF-8 text without NUL or unpaired surrogates";

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

function isDecodable(text: string): boolean {
  if (!text.includes("%")) return true;
  const decoded = decode(text);
  return decoded !== undefined && isStorableText(decoded);
}

function echo(text: string): string {
  const safe = JSON.stringify(text.length > MAX_ECHO_CHARS ? text.slice(0, MAX_ECHO_CHARS) : text);
  return text.length > MAX_ECHO_CHARS ? `${safe.slice(0, -1)}…"` : safe;
}
