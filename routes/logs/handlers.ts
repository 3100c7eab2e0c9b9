import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { CacheTtls, ResultCache } from "../../domain/cache/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import {
  createTailSlots,
  type CursorCodec,
  DEFAULT_TAIL_LIMITS,
  ingestLogs,
  type LogEvent,
  type LogSearchPage,
  type LogStore,
  parseIngestBody,
  recentLogs,
  type SearchHistoryRepository,
  type SearchLimits,
  searchLogs,
  tailLogs,
  type TailSlots,
} from "../../domain/logs/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import type * as routes from "./routes.ts";

/** What the log routes need, built by the composition root. */
export interface LogsDeps {
  readonly store: LogStore;
  readonly cursors: CursorCodec;
  readonly history?: SearchHistoryRepository;
  /** The masking seam, used at ingest and for every read without clearance. */
  readonly maskEvent: (event: LogEvent) => LogEvent;
  /** Chunk masking at ingest (large chunks go to the worker pool). */
  readonly maskEvents?: (events: readonly LogEvent[]) => Promise<readonly LogEvent[]>;
  readonly limits: SearchLimits;
  readonly ingestMaxEvents: number;
  readonly tailPollMs: number;
  /** Open tails of this instance and the tail limits; the defaults when absent. */
  readonly tails?: {
    readonly slots: TailSlots;
    readonly maxDurationMs: number;
    /** Aborted when the instance shuts down: each tail sends `closing` and ends. */
    readonly closing?: AbortSignal;
  };
  /** The query cache (memory → Redis → store); searches go to the store without it. */
  readonly cache?: ResultCache;
  readonly cacheTtls?: CacheTtls;
  readonly newId: () => string;
  readonly now?: () => Date;
  readonly onBackgroundError?: (error: unknown) => void;
}

const HEARTBEAT_MS = 15_000;
const NDJSON_TYPES = ["application/x-ndjson", "application/ndjson", "application/jsonl"];

/** Thin handlers: read validated input, call one use case, answer. */
export function logsHandlers(deps: LogsDeps) {
  const tails = deps.tails ?? {
    slots: createTailSlots(DEFAULT_TAIL_LIMITS),
    maxDurationMs: DEFAULT_TAIL_LIMITS.maxDurationMs,
  };
  const search: AppRouteHandler<typeof routes.search> = async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const page = await searchLogs(deps, {
      principal: c.get("principal"),
      query,
      record: true,
      endpoint: "search",
      ...(cursor ? { cursor } : {}),
    });
    return c.json(toBody(page, c), 200);
  };

  const recent: AppRouteHandler<typeof routes.recent> = async (c) => {
    const { service } = c.req.valid("param");
    const { limit, level } = c.req.valid("query");
    const page = await recentLogs(deps, {
      principal: c.get("principal"),
      service,
      ...(limit !== undefined ? { limit } : {}),
      ...(level ? { level } : {}),
    });
    return c.json(toBody(page, c), 200);
  };

  const errors: AppRouteHandler<typeof routes.errors> = async (c) => {
    const { cursor, group_by, groups, ...query } = c.req.valid("query");
    const page = await searchLogs(deps, {
      principal: c.get("principal"),
      query,
      category: "error",
      record: true,
      endpoint: "errors",
      ...(cursor ? { cursor } : {}),
      ...(group_by ? { groupByErrorType: groups ?? 20 } : {}),
    });
    return c.json(toBody(page, c), 200);
  };

  const security: AppRouteHandler<typeof routes.securityLogs> = async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const page = await searchLogs(deps, {
      principal: c.get("principal"),
      query,
      category: "security",
      record: true,
      endpoint: "security",
      ...(cursor ? { cursor } : {}),
    });
    return c.json(toBody(page, c), 200);
  };

  const ingest: AppRouteHandler<typeof routes.ingest> = async (c) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const format = type === "application/json"
      ? "json"
      : NDJSON_TYPES.includes(type)
      ? "ndjson"
      : undefined;
    if (!format) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
        detail: "send application/json or application/x-ndjson",
      });
    }
    const body = parseIngestBody(await c.req.bytes(), format, deps.ingestMaxEvents);
    const report = await ingestLogs(deps, body.items);
    const [only] = report.items;
    // One event sent alone and refused is the request's own problem.
    if (body.single && only?.status === "rejected") {
      throw new AppError(only.code ?? "LOG_EVENT_INVALID", {
        detail: only.errors?.map((e) => `${e.path}: ${e.message}`).join("; ").slice(0, 500),
        errors: only.errors ?? [],
      });
    }
    return c.json({
      ...report,
      items: report.items.map(({ errors, ...item }) => ({
        ...item,
        ...(errors ? { errors: errors.map((e) => ({ ...e })) } : {}),
      })),
      errors: report.rejected + report.failed > 0,
    }, 200);
  };

  const tail: AppRouteHandler<typeof routes.tail> = (c) => {
    const input = c.req.valid("query");
    const lastEventId = c.req.valid("header")["last-event-id"];
    const abort = new AbortController();
    // Validation and access checks throw here, before the stream starts.
    const batches = tailLogs({ ...deps, pollMs: deps.tailPollMs, sleep }, {
      principal: c.get("principal"),
      query: input,
      ...(lastEventId ? { lastEventId } : {}),
      signal: abort.signal,
    });
    // Refused with 429/503 before the stream starts; given back when it ends.
    const release = tails.slots.acquire(c.get("principal").id);
    c.header("cache-control", "no-store");
    c.header("x-accel-buffering", "no");
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => abort.abort());
      let expired = false;
      const deadline = setTimeout(() => {
        expired = true;
        abort.abort();
      }, tails.maxDurationMs);
      const closing = tails.closing;
      const onClosing = () => abort.abort();
      closing?.addEventListener("abort", onClosing, { once: true });
      // A comment now and then keeps proxies from closing a quiet stream.
      const heartbeat = setInterval(() => void stream.write(": keep-alive\n\n"), HEARTBEAT_MS);
      let lastId = lastEventId;
      try {
        await stream.writeSSE({ event: "ready", data: "{}", retry: 2000 });
        for await (const batch of batches) {
          for (const item of batch) {
            await stream.writeSSE({ id: item.id, event: "log", data: JSON.stringify(item.event) });
            lastId = item.id;
          }
        }
        if (closing?.aborted) {
          // The instance is shutting down: the client reconnects (to another
          // instance) with Last-Event-ID and misses nothing.
          await stream.writeSSE({
            event: "closing",
            data: JSON.stringify({
              reason: "shutdown",
              ...(lastId ? { last_event_id: lastId } : {}),
            }),
          });
        } else if (expired) {
          // The client reconnects with Last-Event-ID and misses nothing.
          await stream.writeSSE({
            event: "reconnect",
            data: JSON.stringify({
              reason: "max_duration",
              max_duration_ms: tails.maxDurationMs,
              ...(lastId ? { last_event_id: lastId } : {}),
            }),
          });
        }
      } finally {
        closing?.removeEventListener("abort", onClosing);
        clearTimeout(deadline);
        clearInterval(heartbeat);
        release();
      }
    }, async (error, stream) => {
      c.get("logger").error("live tail failed", { error });
      await stream.writeSSE({
        event: "error",
        data: JSON.stringify({ code: "LOG_STORE_UNAVAILABLE" }),
      });
    }) as unknown as ReturnType<AppRouteHandler<typeof routes.tail>>;
  };

  return { search, recent, errors, security, ingest, tail };
}

/**
 * The page as JSON, with what the cache did in headers: `Age` (RFC 9111) on
 * cached and stale answers, and `X-Search-Origin: fallback` when the
 * read-only fallback cluster answered.
 */
function toBody(page: LogSearchPage, c: Context) {
  if (page.cache !== "miss") c.header("age", String(page.age_seconds));
  c.header("x-cache", page.cache);
  if (page.origin === "fallback") c.header("x-search-origin", "fallback");
  return {
    items: [...page.items],
    total: page.total,
    next_cursor: page.next_cursor,
    took_ms: page.took_ms,
    cache: page.cache,
    ...(page.groups ? { groups: page.groups.map((g) => ({ ...g })) } : {}),
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
