/**
 * The instants the stores and ISO 8601 text agree on: years 1 to 9999 in
 * UTC. A time bound beyond them — `0001-01-01T00:00:00+01:00` is year 0 in
 * UTC, and 30 days before `0001-01-05` earlier still — is written by
 * `toISOString` with a six-digit signed year no database parses. As a bound
 * of a time range it selects the same events as the nearest storable
 * instant, so query bounds are moved there (a range filter, never a stored
 * value: what is stored is refused instead when it cannot be kept).
 * @module
 */

export const EARLIEST_INSTANT_MS = Date.parse("0001-01-01T00:00:00.000Z");
export const LATEST_INSTANT_MS = Date.parse("9999-12-31T23:59:59.999Z");

/** `date` moved into the storable years. */
export function clampToStorable(date: Date): Date {
  const ms = date.getTime();
  if (ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS) return date;
  return new Date(Math.min(LATEST_INSTANT_MS, Math.max(EARLIEST_INSTANT_MS, ms)));
}
