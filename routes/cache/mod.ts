import type { CacheAdminDeps } from "../../domain/cache/mod.ts";
import { createRouter } from "../app/router.ts";
import { cacheHandlers } from "./handlers.ts";
import * as routes from "./routes.ts";

export type { CacheAdminDeps } from "../../domain/cache/mod.ts";

/**
 * `/api/v1/cache`: pattern delete of cached answers. Without a cache (or an
 * audit trail to record the deletion in) the route exists and answers 503.
 */
export function cacheRouter(deps?: CacheAdminDeps) {
  return createRouter().openapi(routes.deleteEntries, cacheHandlers(deps).deleteEntries);
}
