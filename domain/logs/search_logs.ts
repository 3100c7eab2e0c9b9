import { can, type Principal } from "../access/mod.ts";
import {
  accessScope,
  bucketedNow,
  CACHE_API_VERSION,
  type CacheRequest,
  type CacheTtls,
  DEFAULT_CACHE_TTLS,
  type ResultCache,
  searchTags,
  servicesLabel,
  ttlForRange,
} from "../cache/mod.ts";
import type { CursorCodec, CursorState } from "./cursor.ts";
import type { LogCategory, LogEvent } from "./log_event.ts";
import type { ErrorGroup, HitTotal, LogStore } from "./ports.ts";
import type { SearchHistoryRepository } from "./search_history.ts";
import {
  type LogSearchInput,
  type PreparedSearch,
  prepareSearch,
  type SearchLimits,
} from "./search_query.ts";

/** What searching needs. */
export interface SearchLogsDeps {
  readonly store: LogStore;
  readonly cursors: CursorCodec;
  readonly history?: SearchHistoryRepository;
  /** The masking seam: applied to every event a caller without clearance reads. */
  readonly maskEvent: (event: LogEvent) => LogEvent;
  readonly limits: SearchLimits;
  /** Memory → Redis → store (SPEC S10); every search goes to the store without it. */
  readonly cache?: ResultCache;
  readonly cacheTtls?: CacheTtls;
  readonly now?: () => Date;
  /** Told about failures of work that must not fail the search (history). */
  readonly onBackgroundError?: (error: unknown) => void;
}

/** Which cluster answered: the primary, or the read-only fallback while the primary is down. */
export type SearchOrigin = "primary" | "fallback";

/** One page of results, as every search endpoint returns it. */
export interface LogSearchPage {
  readonly items: readonly LogEvent[];
  readonly total: HitTotal;
  readonly next_cursor: string | null;
  readonly took_ms: number;
  /** From the cache, from the store, or a stale cached page while the store fails. */
  readonly cache: "hit" | "miss" | "stale";
  /** Seconds since the page was computed (0 when it was just computed). */
  readonly age_seconds: number;
  readonly origin: SearchOrigin;
  readonly groups?: readonly ErrorGroup[];
}

/** The endpoints a page is cached for (the first segment of the cache key). */
export type SearchEndpoint = "search" | "recent" | "errors" | "security";

/** Options of {@linkcode searchLogs} that the endpoint, not the caller, decides. */
export interface SearchOptions {
  readonly cursor?: string;
  /** Fixes the category (the errors and security endpoints). */
  readonly category?: LogCategory;
  /** Adds the top `error.type` groups (first page only). */
  readonly groupByErrorType?: number;
  /** Records the search in the caller's history (first page only). */
  readonly record?: boolean;
  /** Which endpoint asks; `search` when absent. */
  readonly endpoint?: SearchEndpoint;
}

/** The input of {@linkcode searchLogs}: who asks, what, and the endpoint's options. */
export interface SearchLogsRequest extends SearchOptions {
  readonly principal: Principal;
  readonly query: LogSearchInput;
}

/** A page as the cache keeps it: masked for the caller's scope, the next cursor not yet sealed. */
interface StoredPage {
  readonly items: readonly LogEvent[];
  readonly total: HitTotal;
  readonly next: CursorState | null;
  readonly groups?: readonly ErrorGroup[];
  readonly origin: SearchOrigin;
}

/**
 * Runs one page of a log search: validate and scope the query, resume the
 * caller's cursor if any, answer from the cache or query the store, hand out
 * the next cursor (sealed for this caller), record the search in history,
 * and mask what the caller may not see in clear.
 */
export async function searchLogs(
  deps: SearchLogsDeps,
  request: SearchLogsRequest,
): Promise<LogSearchPage> {
  const { principal, query: input, ...options } = request;
  const started = performance.now();
  const clock = deps.now?.() ?? new Date();
  const ttls = deps.cacheTtls ?? DEFAULT_CACHE_TTLS;
  // A range relative to now resolves to the same absolute range for a short while.
  const relative = input.to === undefined && options.cursor === undefined;
  const now = deps.cache && relative ? bucketedNow(clock, ttls) : clock;
  const prepared = prepareSearch(principal, input, {
    limits: deps.limits,
    now,
    ...(options.category ? { forceCategory: options.category } : {}),
  });
  const binding = { principalId: principal.id, searchKey: prepared.key };
  const resumed = options.cursor ? await deps.cursors.open(options.cursor, binding) : undefined;
  const filter = resumed
    ? { ...prepared.filter, from: new Date(resumed.from), to: new Date(resumed.to) }
    : prepared.filter;

  const firstPage = resumed === undefined;
  if (firstPage && options.record) recordInBackground(deps, principal.id, prepared);

  const load = async (): Promise<StoredPage> => {
    const [result, groups] = await Promise.all([
      deps.store.search({
        filter,
        order: prepared.order,
        size: prepared.pageSize,
        totalBound: deps.limits.totalBound,
        keepSnapshot: !firstPage,
        ...(resumed?.position ? { after: resumed.position } : {}),
        ...(resumed?.snapshot ? { snapshot: resumed.snapshot } : {}),
      }),
      firstPage && options.groupByErrorType
        ? deps.store.errorGroups(filter, options.groupByErrorType)
        : undefined,
    ]);
    if (!result.next && result.snapshot) void deps.store.releaseSnapshot(result.snapshot);
    return {
      items: maskForReader(deps, principal, result.events),
      total: result.total,
      next: result.next
        ? {
          position: result.next,
          ...(result.snapshot ? { snapshot: result.snapshot } : {}),
          from: filter.from.toISOString(),
          to: filter.to.toISOString(),
        }
        : null,
      origin: result.origin ?? "primary",
      ...(groups ? { groups } : {}),
    };
  };

  const cacheRequest: CacheRequest<StoredPage> = {
    kind: options.endpoint ?? "search",
    label: servicesLabel(filter.services),
    material: {
      api: CACHE_API_VERSION,
      search: prepared.normalized,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      categories: filter.categories,
      services: filter.services ?? "all",
      pageSize: prepared.pageSize,
      cursor: options.cursor ?? null,
      groups: firstPage ? options.groupByErrorType ?? 0 : 0,
      scope: accessScope(principal),
    },
    tags: searchTags(filter),
    // A fallback cluster may lag its primary: its answers are kept only briefly.
    ttlMs: (page) =>
      page.origin === "fallback" ? ttls.freshMs : ttlForRange(filter.to, clock, ttls),
  };
  const answer = deps.cache
    ? await deps.cache.read(cacheRequest, load)
    : { value: await load(), outcome: "miss" as const, ageSeconds: 0 };

  const page = answer.value;
  return {
    items: page.items,
    total: page.total,
    next_cursor: page.next ? await deps.cursors.seal(page.next, binding) : null,
    took_ms: Math.round((performance.now() - started) * 100) / 100,
    cache: answer.outcome,
    age_seconds: answer.ageSeconds,
    origin: page.origin,
    ...(page.groups ? { groups: page.groups } : {}),
  };
}

/**
 * Records the search in the caller's history without holding the answer
 * back: the history is a convenience, so its write must neither slow a
 * search nor fail it. Failures go to `onBackgroundError` (logged).
 */
function recordInBackground(
  deps: SearchLogsDeps,
  principalId: string,
  prepared: Pick<PreparedSearch, "normalized" | "key">,
): void {
  if (!deps.history) return;
  const report = (error: unknown) => deps.onBackgroundError?.(error);
  try {
    deps.history.recordRun(principalId, prepared.normalized, prepared.key).catch(report);
  } catch (error) {
    report(error);
  }
}

/** Masked copies for callers without `logs:read:unmasked`. */
export function maskForReader(
  deps: { maskEvent: (event: LogEvent) => LogEvent },
  principal: Principal,
  events: readonly LogEvent[],
): readonly LogEvent[] {
  return can(principal, "logs:read:unmasked") ? events : events.map(deps.maskEvent);
}
