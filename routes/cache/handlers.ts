import { type CacheAdminDeps, deleteCacheEntries } from "../../domain/cache/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import type * as routes from "./routes.ts";

/** The cache administration handlers; without `deps` they answer 503 after validation. */
export function cacheHandlers(deps: CacheAdminDeps | undefined) {
  const deleteEntries: AppRouteHandler<typeof routes.deleteEntries> = async (c) => {
    if (!deps) throw new AppError("SERVICE_UNAVAILABLE", { detail: "the cache is not configured" });
    const report = await deleteCacheEntries(deps, {
      caller: {
        principal: c.get("principal"),
        requestId: c.get("requestId"),
        userAgent: c.req.header("user-agent"),
      },
      pattern: c.req.valid("query").pattern,
    });
    return c.json(report, 200);
  };
  return { deleteEntries };
}
