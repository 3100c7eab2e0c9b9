import type { Principal } from "../access/mod.ts";
import {
  CACHE_API_VERSION,
  type CacheTtls,
  DEFAULT_CACHE_TTLS,
  historyTag,
  type ResultCache,
} from "../cache/mod.ts";
import { AppError } from "../errors/mod.ts";
import type { SearchHistoryEntry, SearchHistoryRepository } from "./search_history.ts";
import { type LogSearchInput, prepareSearch, type SearchLimits } from "./search_query.ts";

/** What saved searches need. */
export interface SavedSearchDeps {
  readonly history: SearchHistoryRepository;
  readonly limits: SearchLimits;
  /** Caches the frequent searches (saving or unsaving invalidates the caller's). */
  readonly cache?: ResultCache;
  readonly cacheTtls?: CacheTtls;
  readonly now?: () => Date;
}

/** The most frequent searches a caller may list at once. */
export const MAX_FREQUENT = 50;

/**
 * A saved search's name: 1 to 100 characters, no blank at either end. It is
 * refused rather than trimmed, so the name stored is the name sent.
 */
export const SAVED_SEARCH_NAME = /^[^ \t\n\r\f\v](?:[\s\S]{0,98}[^ \t\n\r\f\v])?$/;

/**
 * Saves a search under a name. The search is validated and scoped exactly
 * as running it would be, so a saved search always runs.
 */
export async function saveSearch(
  deps: SavedSearchDeps,
  input: {
    readonly principal: Principal;
    readonly name: string;
    readonly query: Omit<LogSearchInput, "page_size">;
  },
): Promise<SearchHistoryEntry> {
  const { principal } = input;
  const name = input.name;
  if (!SAVED_SEARCH_NAME.test(name)) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "name must be 1 to 100 characters, without blanks at either end",
    });
  }
  const prepared = prepareSearch(principal, input.query, {
    limits: deps.limits,
    now: deps.now?.() ?? new Date(),
  });
  const saved = await deps.history.save(principal.id, name, prepared.normalized, prepared.key);
  await deps.cache?.invalidate([historyTag(principal.id)]);
  return saved;
}

/** The caller's saved searches, by name (the plan's `find_saved_searches`). */
export function listSavedSearches(
  deps: SavedSearchDeps,
  input: { readonly principal: Principal },
) {
  return deps.history.findSaved(input.principal.id);
}

/**
 * The caller's most-run searches (the plan's cached `get_frequent_searches`):
 * kept for the frequent-search TTL, dropped when the caller saves or unsaves.
 */
export async function frequentSearches(
  deps: SavedSearchDeps,
  input: { readonly principal: Principal; readonly limit?: number },
): Promise<SearchHistoryEntry[]> {
  const limit = Math.max(1, Math.min(input.limit ?? 10, MAX_FREQUENT));
  const userId = input.principal.id;
  const load = () => deps.history.findFrequent(userId, limit);
  if (!deps.cache) return await load();
  const answer = await deps.cache.read({
    kind: "frequent",
    label: "caller",
    material: { api: CACHE_API_VERSION, user: userId, limit },
    tags: [historyTag(userId)],
    ttlMs: (deps.cacheTtls ?? DEFAULT_CACHE_TTLS).frequentMs,
  }, load);
  // Dates come back from the shared tier as ISO text.
  return answer.value.map((entry) => ({
    ...entry,
    firstRunAt: new Date(entry.firstRunAt),
    lastRunAt: new Date(entry.lastRunAt),
  }));
}

/** Unsaves one of the caller's saved searches; someone else's is "not found". */
export async function deleteSavedSearch(
  deps: SavedSearchDeps,
  input: { readonly principal: Principal; readonly id: string },
): Promise<void> {
  if (!(await deps.history.unsave(input.principal.id, input.id))) {
    throw new AppError("LOG_SEARCH_NOT_FOUND");
  }
  await deps.cache?.invalidate([historyTag(input.principal.id)]);
}
