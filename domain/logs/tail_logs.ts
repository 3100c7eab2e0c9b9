import type { Principal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import { EVENT_ID, EVENT_LIMITS } from "./event_limits.ts";
import type { LogEvent } from "./log_event.ts";
import type { LogStore, SortPosition } from "./ports.ts";
import { maskForReader } from "./search_logs.ts";
import { type LogSearchInput, prepareSearch, type SearchLimits } from "./search_query.ts";

/** What a live tail needs. */
export interface TailLogsDeps {
  readonly store: LogStore;
  readonly maskEvent: (event: LogEvent) => LogEvent;
  readonly limits: SearchLimits;
  readonly pollMs: number;
  readonly now?: () => Date;
  /** Resolves after `ms`, or early when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** One delivered event and its resume id (the SSE `id`). */
export interface TailItem {
  readonly id: string;
  readonly event: LogEvent;
}

/** Filters a tail accepts: those of a search, minus time range and paging. */
export type TailInput = Pick<LogSearchInput, "q" | "service" | "level" | "category">;

/** How far back a resumed tail replays; older `Last-Event-ID`s restart from here. */
export const TAIL_REPLAY_MS = 60 * 60_000;
/** Events older than this (by `@timestamp`) are not tailed even when ingested late. */
export const TAIL_EVENT_AGE_MS = 24 * 3_600_000;
const BATCH = 200;
/** The epoch-ms part of a tail id. */
const TAIL_MS = /^\d{1,15}$/;
/** A whole tail id, `<epoch ms>:<event id>`, as `Last-Event-ID` sends it back. */
export const TAIL_POSITION = new RegExp(`^\\d{1,15}:${EVENT_ID.source.slice(1, -1)}$`);

/**
 * Follows new matching events in ingest order, the way `tail -f` follows a
 * file. It polls the store for events ingested after the last one delivered,
 * staying the store's visibility lag behind the clock so an event still in
 * flight cannot be overtaken and skipped. A client resumes with the id of the
 * last event it received (`Last-Event-ID`) and misses nothing in between.
 * Validation and access checks happen before the first yield.
 */
export function tailLogs(
  deps: TailLogsDeps,
  request: {
    readonly principal: Principal;
    readonly query: TailInput;
    readonly lastEventId?: string;
    readonly signal: AbortSignal;
  },
): AsyncGenerator<TailItem[]> {
  const { principal, query: input, ...options } = request;
  const now = () => deps.now?.() ?? new Date();
  const prepare = () => {
    const at = now();
    return prepareSearch(principal, {
      ...input,
      from: new Date(at.getTime() - Math.min(TAIL_EVENT_AGE_MS, deps.limits.maxRangeMs))
        .toISOString(),
      to: new Date(at.getTime() + EVENT_LIMITS.maxFutureMinutes * 60_000).toISOString(),
      page_size: Math.min(BATCH, deps.limits.maxPageSize),
    }, { limits: { ...deps.limits, maxRangeMs: Number.MAX_SAFE_INTEGER }, now: at });
  };
  prepare(); // throws the 400/403 now, before the stream starts
  const start = now().getTime();
  let position: SortPosition = startPosition(
    options.lastEventId,
    start,
    deps.store.visibilityLagMs,
  );

  return (async function* follow() {
    while (!options.signal.aborted) {
      const prepared = prepare();
      const until = new Date(now().getTime() - deps.store.visibilityLagMs);
      const result = await deps.store.search({
        filter: { ...prepared.filter, ingestedUntil: until },
        order: "ingested",
        size: prepared.pageSize,
        after: position,
        totalBound: 0,
      });
      if (result.events.length > 0) {
        const events = maskForReader(deps, principal, result.events);
        const items = result.events.map((raw, i) => ({ id: tailId(raw), event: events[i]! }));
        const last = result.events[result.events.length - 1]!;
        position = [Date.parse(last["event.ingested"]), last["event.id"]];
        yield items;
      }
      if (!result.next) await deps.sleep(deps.pollMs, options.signal);
    }
  })();
}

/** The resume id of an event: `<ingested epoch ms>:<event id>`. */
export function tailId(event: LogEvent): string {
  return `${Date.parse(event["event.ingested"])}:${event["event.id"]}`;
}

function startPosition(lastEventId: string | undefined, now: number, lagMs: number): SortPosition {
  if (lastEventId === undefined || lastEventId === "") return [now - lagMs, ""];
  // The ms part holds no ":", so the first one separates it from the event id.
  const colon = lastEventId.indexOf(":");
  const msPart = lastEventId.slice(0, colon);
  const id = lastEventId.slice(colon + 1);
  if (colon < 0 || !TAIL_MS.test(msPart) || !EVENT_ID.test(id)) {
    throw new AppError("LOG_CURSOR_INVALID", { detail: "Last-Event-ID is not a tail position" });
  }
  const requested = Number(msPart);
  const ms = Math.max(requested, now - TAIL_REPLAY_MS);
  return ms === requested ? [ms, id] : [ms, ""];
}
