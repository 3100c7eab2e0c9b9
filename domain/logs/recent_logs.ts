import type { Principal } from "../access/mod.ts";
import { bucketedNow, DEFAULT_CACHE_TTLS } from "../cache/mod.ts";
import { type LogSearchPage, searchLogs, type SearchLogsDeps } from "./search_logs.ts";
import { serviceName } from "./search_query.ts";

/** How far back "recent" looks: a quiet service still shows its last lines. */
export const RECENT_WINDOW_MS = 24 * 3_600_000;

/**
 * The newest events of one service (the plan's `get_recent_logs`), over the
 * last day or the configured maximum range, whichever is shorter. Its range
 * always ends now, so a cached answer always has the short TTL.
 */
export function recentLogs(
  deps: SearchLogsDeps,
  request: {
    readonly principal: Principal;
    readonly service: string;
    readonly limit?: number;
    readonly level?: readonly string[];
  },
): Promise<LogSearchPage> {
  const { principal, service, ...options } = request;
  const clock = deps.now?.() ?? new Date();
  const now = deps.cache ? bucketedNow(clock, deps.cacheTtls ?? DEFAULT_CACHE_TTLS) : clock;
  const window = Math.min(RECENT_WINDOW_MS, deps.limits.maxRangeMs);
  return searchLogs({ ...deps, now: () => clock }, {
    principal,
    endpoint: "recent",
    query: {
      service: [serviceName(service)],
      from: new Date(now.getTime() - window).toISOString(),
      to: now.toISOString(),
      ...(options.level ? { level: options.level } : {}),
      ...(options.limit ? { page_size: options.limit } : {}),
    },
  }).then((page) => ({ ...page, next_cursor: null }));
}
