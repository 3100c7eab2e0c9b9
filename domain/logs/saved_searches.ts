import type { Principal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import type { SearchHistoryEntry, SearchHistoryRepository } from "./search_history.ts";
import { type LogSearchInput, prepareSearch, type SearchLimits } from "./search_query.ts";

/** What saved searches need. */
export interface SavedSearchDeps {
  readonly history: SearchHistoryRepository;
  readonly limits: SearchLimits;
  readonly now?: () => Date;
}

/** The most frequent searches a caller may list at once. */
export const MAX_FREQUENT = 50;

/**
 * Saves a search under a name. The search is validated and scoped exactly
 * as running it would be, so a saved search always runs.
 */
export async function saveSearch(
  deps: SavedSearchDeps,
  principal: Principal,
  input: { readonly name: string; readonly query: Omit<LogSearchInput, "page_size"> },
): Promise<SearchHistoryEntry> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new AppError("VALIDATION_FAILED", { detail: "name must be 1 to 100 characters" });
  }
  const prepared = prepareSearch(principal, input.query, {
    limits: deps.limits,
    now: deps.now?.() ?? new Date(),
  });
  return await deps.history.save(principal.id, name, prepared.normalized, prepared.key);
}

/** The caller's saved searches, by name (the plan's `find_saved_searches`). */
export function listSavedSearches(deps: SavedSearchDeps, principal: Principal) {
  return deps.history.findSaved(principal.id);
}

/** The caller's most-run searches (the plan's `find_frequent_searches`). */
export function frequentSearches(deps: SavedSearchDeps, principal: Principal, limit = 10) {
  return deps.history.findFrequent(principal.id, Math.max(1, Math.min(limit, MAX_FREQUENT)));
}

/** Unsaves one of the caller's saved searches; someone else's is "not found". */
export async function deleteSavedSearch(
  deps: SavedSearchDeps,
  principal: Principal,
  id: string,
): Promise<void> {
  if (!(await deps.history.unsave(principal.id, id))) throw new AppError("LOG_SEARCH_NOT_FOUND");
}
