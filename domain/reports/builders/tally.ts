/**
 * Bounded tallies the builders keep: counts (and last-seen times) per key,
 * with at most `max` keys. Past the bound a row is counted under
 * {@linkcode OTHER_KEY} and the tally remembers it was truncated, so memory
 * depends on the settings, never on the number of rows.
 * @module
 */

/** The key rows beyond the bound are counted under. */
export const OTHER_KEY = "(other)";

/** Count and last-seen time (epoch ms) of one key. */
export interface TallyEntry {
  n: number;
  last: number;
}

/** A bounded map of tallies. */
export interface Tally {
  readonly entries: Map<string, TallyEntry>;
  truncated: boolean;
}

export function newTally(): Tally {
  return { entries: new Map(), truncated: false };
}

/** Adds `by` to `key`, seen at `at`. */
export function bump(tally: Tally, key: string, at: number, max: number, by = 1): void {
  let entry = tally.entries.get(key);
  if (!entry) {
    if (tally.entries.size >= max) {
      tally.truncated = true;
      key = OTHER_KEY;
      entry = tally.entries.get(key);
    }
    if (!entry) {
      entry = { n: 0, last: 0 };
      tally.entries.set(key, entry);
    }
  }
  entry.n += by;
  if (at > entry.last) entry.last = at;
}

/** Adds every entry of `from` to `into`. */
export function mergeTally(into: Tally, from: Tally, max: number): void {
  if (from.truncated) into.truncated = true;
  for (const [key, entry] of from.entries) bump(into, key, entry.last, max, entry.n);
}

/** The `limit` largest entries, ties by key, as `[key, entry]`. */
export function topEntries(tally: Tally, limit: number): [string, TallyEntry][] {
  return [...tally.entries].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit);
}

/** Sum of all counts. */
export function tallyTotal(tally: Tally): number {
  let total = 0;
  for (const entry of tally.entries.values()) total += entry.n;
  return total;
}

/** Separator of composite keys (never in an id the API accepts). */
export const KEY_SEP = "\u0000";

/** An ISO timestamp of epoch ms, or null for "never". */
export function isoOrNull(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}

/** A reference to one event, for the "latest" lists of a report. */
export interface EventRef {
  readonly seq: number;
  readonly occurred_at: string;
  readonly actor: string;
  readonly action: string;
  readonly resource: string;
  readonly outcome: string;
}

/** Keeps the `limit` newest (highest seq) of `a` and `b`. */
export function newestRefs(
  a: readonly EventRef[],
  b: readonly EventRef[],
  limit: number,
): EventRef[] {
  return [...a, ...b].sort((x, y) => y.seq - x.seq).slice(0, limit);
}
