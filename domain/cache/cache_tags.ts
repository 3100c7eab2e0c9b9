/**
 * Cache tags: what a cached answer was computed from. Log answers depend on
 * (category, service, day) — a day's granularity keeps answers over older
 * ranges cached while today's logs keep arriving; `*` stands for "any
 * service" (searches not narrowed to services). An ingest bumps the tags of
 * what it wrote, so an entry made before it is never served as fresh after.
 * @module
 */
import type { LogCategory } from "../logs/log_event.ts";

/** Beyond this many tags a search is not cached (a rare, very wide search). */
export const MAX_SEARCH_TAGS = 512;

const DAY_MS = 86_400_000;

function day(epochMs: number): string {
  return new Date(Math.floor(epochMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10)
    .replaceAll("-", "");
}

function logTag(category: string, service: string, dayText: string): string {
  return `logs:${category}:${service}:${dayText}`;
}

/**
 * The tags of a search over `categories`, `services` (`undefined`: any) and
 * the range [from, to]; `undefined` when there would be more than
 * {@linkcode MAX_SEARCH_TAGS}.
 */
export function searchTags(filter: {
  readonly categories: readonly LogCategory[];
  readonly services?: readonly string[];
  readonly from: Date;
  readonly to: Date;
}): string[] | undefined {
  const first = Math.floor(filter.from.getTime() / DAY_MS);
  const last = Math.floor(filter.to.getTime() / DAY_MS);
  const services = filter.services ?? ["*"];
  const count = filter.categories.length * services.length * (last - first + 1);
  if (count > MAX_SEARCH_TAGS) return undefined;
  const tags: string[] = [];
  for (const category of filter.categories) {
    for (let d = first; d <= last; d++) {
      const dayText = day(d * DAY_MS);
      for (const service of services) tags.push(logTag(category, service, dayText));
    }
  }
  return tags;
}

/** What one stored event affects. */
export interface WrittenEvent {
  readonly service: string;
  readonly category: LogCategory;
  /** `@timestamp`, ISO 8601. */
  readonly timestamp: string;
}

/** The tags an ingest bumps: each event's own and its category's "any service" tag. */
export function ingestTags(events: Iterable<WrittenEvent>): string[] {
  const tags = new Set<string>();
  for (const event of events) {
    const dayText = day(Date.parse(event.timestamp));
    tags.add(logTag(event.category, event.service, dayText));
    tags.add(logTag(event.category, "*", dayText));
  }
  return [...tags];
}

/** The tag of a caller's search history (frequent searches). */
export function historyTag(userId: string): string {
  return `history:${userId}`;
}
