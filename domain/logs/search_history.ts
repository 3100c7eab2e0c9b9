import type { NormalizedSearch } from "./search_query.ts";

/** One row of a caller's search history; saved when it has a name. */
export interface SearchHistoryEntry {
  readonly id: string;
  readonly query: NormalizedSearch;
  readonly saved: boolean;
  readonly name: string | null;
  readonly runCount: number;
  readonly firstRunAt: Date;
  readonly lastRunAt: Date;
}

/**
 * Search history and saved searches of SPEC S5.3, per user. Entries are
 * keyed by the normalized search, so running the same search twice counts
 * twice on one row rather than adding a row.
 */
export interface SearchHistoryRepository {
  /** Counts one run of a search (creating its row on the first). */
  recordRun(userId: string, query: NormalizedSearch, key: string): Promise<void>;
  /** Saves a search under a name (an existing row for it becomes saved). */
  save(
    userId: string,
    name: string,
    query: NormalizedSearch,
    key: string,
  ): Promise<SearchHistoryEntry>;
  /** The user's saved searches, by name. */
  findSaved(userId: string): Promise<SearchHistoryEntry[]>;
  /** The user's most-run searches, most runs first, then most recent. */
  findFrequent(userId: string, limit: number): Promise<SearchHistoryEntry[]>;
  /** Unsaves one of the user's searches; false when there is no such saved search. */
  unsave(userId: string, id: string): Promise<boolean>;
}
