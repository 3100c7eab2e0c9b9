/**
 * How long log events are kept, per category (SPEC S5.1). The search
 * engines' lifecycle policies, the Postgres store's retention and ingestion
 * (which refuses events already past it) all read this one table. The
 * clocks differ: the engines delete a backing index that many days after it
 * rolled over (daily), the Postgres store deletes by each event's
 * `@timestamp`, so an event may outlive its term on the engines by up to a
 * rollover period.
 * @module
 */
import { LOG_CATEGORIES, type LogCategory } from "./log_event.ts";

const DAY_MS = 86_400_000;

/** Days an event is kept: application 30, error 90, security 1 year. */
export const LOG_RETENTION_DAYS: Readonly<Record<LogCategory, number>> = {
  app: 30,
  error: 90,
  security: 365,
};

/** The instant (epoch ms) before which events of `category` have expired at `now` (epoch ms). */
export function retentionCutoff(category: LogCategory, now: number): number {
  return now - LOG_RETENTION_DAYS[category] * DAY_MS;
}

/** Per category, the instant before which its events have expired at `now`. */
export function logRetentionCutoffs(now: Date): Record<LogCategory, Date> {
  const cutoffs = {} as Record<LogCategory, Date>;
  for (const category of LOG_CATEGORIES) {
    cutoffs[category] = new Date(retentionCutoff(category, now.getTime()));
  }
  return cutoffs;
}
