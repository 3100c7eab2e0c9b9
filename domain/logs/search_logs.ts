import { can, type Principal } from "../access/mod.ts";
import type { CursorCodec } from "./cursor.ts";
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
  readonly now?: () => Date;
  /** Told about failures of work that must not fail the search (history). */
  readonly onBackgroundError?: (error: unknown) => void;
}

/** One page of results, as every search endpoint returns it. */
export interface LogSearchPage {
  readonly items: readonly LogEvent[];
  readonly total: HitTotal;
  readonly next_cursor: string | null;
  readonly took_ms: number;
  /** Honest until the cache tier exists: every answer comes from the store. */
  readonly cache: "hit" | "miss" | "stale";
  readonly groups?: readonly ErrorGroup[];
}

/** Options of {@linkcode searchLogs} that the endpoint, not the caller, decides. */
export interface SearchOptions {
  readonly cursor?: string;
  /** Fixes the category (the errors and security endpoints). */
  readonly category?: LogCategory;
  /** Adds the top `error.type` groups (first page only). */
  readonly groupByErrorType?: number;
  /** Records the search in the caller's history (first page only). */
  readonly record?: boolean;
}

/** The input of {@linkcode searchLogs}: who asks, what, and the endpoint's options. */
export interface SearchLogsRequest extends SearchOptions {
  readonly principal: Principal;
  readonly query: LogSearchInput;
}

/**
 * Runs one page of a log search: validate and scope the query, resume the
 * caller's cursor if any, query the store, hand out the next cursor, record
 * the search in history, and mask what the caller may not see in clear.
 */
export async function searchLogs(
  deps: SearchLogsDeps,
  request: SearchLogsRequest,
): Promise<LogSearchPage> {
  const { principal, query: input, ...options } = request;
  const started = performance.now();
  const now = deps.now?.() ?? new Date();
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

  let nextCursor: string | null = null;
  if (result.next) {
    nextCursor = await deps.cursors.seal({
      position: result.next,
      ...(result.snapshot ? { snapshot: result.snapshot } : {}),
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
    }, binding);
  } else if (result.snapshot) {
    void deps.store.releaseSnapshot(result.snapshot);
  }

  return {
    items: maskForReader(deps, principal, result.events),
    total: result.total,
    next_cursor: nextCursor,
    took_ms: Math.round((performance.now() - started) * 100) / 100,
    cache: "miss",
    ...(groups ? { groups } : {}),
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
