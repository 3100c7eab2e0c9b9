import { ingestTags, type ResultCache, type WrittenEvent } from "../cache/mod.ts";
import { AppError, type ErrorCode, type FieldError } from "../errors/mod.ts";
import { parseLogEvent } from "./event_parser.ts";
import type { IngestItem } from "./ingest_body.ts";
import type { LogCategory, LogEvent } from "./log_event.ts";
import type { LogStore } from "./ports.ts";

/** What ingestion needs. */
export interface IngestLogsDeps {
  readonly store: LogStore;
  /** The masking seam: sensitive data never reaches the store (SPEC S9). */
  readonly maskEvent: (event: LogEvent) => LogEvent;
  /**
   * Masks a whole chunk at once when given: large chunks can then be masked
   * off the request thread (the worker pool) instead of event by event.
   */
  readonly maskEvents?: (events: readonly LogEvent[]) => Promise<readonly LogEvent[]>;
  readonly now?: () => Date;
  readonly newId: () => string;
  /** Cached answers the new events change are invalidated (by service, category and day). */
  readonly cache?: ResultCache;
}

/** The outcome of one submitted event, in submission order. */
export interface IngestItemResult {
  readonly index: number;
  readonly id?: string;
  /** `created`, or already stored (`duplicate`), refused by validation, or a store failure. */
  readonly status: "created" | "duplicate" | "rejected" | "failed";
  readonly category?: LogCategory;
  /** Why a `rejected` item was refused: a registry code (`LOG_EVENT_INVALID`, …). */
  readonly code?: ErrorCode;
  readonly errors?: readonly FieldError[];
  readonly reason?: string;
}

export interface IngestReport {
  readonly items: readonly IngestItemResult[];
  readonly created: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly failed: number;
  readonly took_ms: number;
}

/** Events per store write; a batch is written as a pipeline of such chunks. */
const WRITE_CHUNK = 500;

/**
 * Store writes of one batch allowed at once. Two keep the store busy while
 * a chunk is prepared (the store's round trip is a large fixed share of a
 * chunk's write) without letting one request take every store connection.
 */
const WRITES_IN_FLIGHT = 2;

type Pending = { readonly index: number; readonly event: LogEvent };

/** Validates, de-duplicates and masks one chunk; refusals go straight to `results`. */
async function prepareChunk(
  deps: IngestLogsDeps,
  items: readonly IngestItem[],
  start: number,
  now: Date,
  seen: Set<string>,
  results: IngestItemResult[],
): Promise<Pending[]> {
  const pending: Pending[] = [];
  const end = Math.min(items.length, start + WRITE_CHUNK);
  for (let index = start; index < end; index++) {
    const item = items[index]!;
    if (!item.ok) {
      results[index] = { index, status: "rejected", code: item.code, errors: item.errors };
      continue;
    }
    const parsed = parseLogEvent(item.value, { now, newId: deps.newId });
    if (!parsed.ok) {
      results[index] = {
        index,
        status: "rejected",
        code: "LOG_EVENT_INVALID",
        errors: parsed.errors,
      };
      continue;
    }
    const id = parsed.event["event.id"];
    if (seen.has(id)) {
      results[index] = { index, id, category: parsed.event["event.category"], status: "duplicate" };
      continue;
    }
    seen.add(id);
    pending.push({ index, event: parsed.event });
  }
  const originals = pending.map((p) => p.event);
  const maskedEvents = deps.maskEvents
    ? await deps.maskEvents(originals)
    : originals.map((event) => deps.maskEvent(event));
  return pending.map((p, i) => ({
    index: p.index,
    event: keepIdentity(maskedEvents[i]!, p.event),
  }));
}

/**
 * The masked event, with the fields that identify and route it kept as
 * validated: a masking rule that happened to match an id or a timestamp must
 * not break idempotency, ordering or routing.
 */
function keepIdentity(masked: LogEvent, event: LogEvent): LogEvent {
  return {
    ...masked,
    "event.id": event["event.id"],
    "@timestamp": event["@timestamp"],
    "event.ingested": event["event.ingested"],
    "log.level": event["log.level"],
    "service.name": event["service.name"],
    "event.category": event["event.category"],
  };
}

/**
 * Writes one chunk and files each event's outcome. A chunk the store refused
 * as a whole (unreachable, breaker open, …) is `failed` item by item, so a
 * batch whose first chunks were stored still reports them truthfully; the
 * error is returned for the caller to decide on.
 */
async function writeChunk(
  store: LogStore,
  chunk: readonly Pending[],
  results: IngestItemResult[],
  created: WrittenEvent[],
): Promise<unknown> {
  let outcomes;
  try {
    outcomes = await store.ingest(chunk.map((p) => p.event));
  } catch (error) {
    const reason = error instanceof AppError && error.detail ? error.detail : "store write failed";
    for (const { index, event } of chunk) {
      results[index] = {
        index,
        id: event["event.id"],
        category: event["event.category"],
        status: "failed",
        reason,
      };
    }
    return error;
  }
  chunk.forEach(({ index, event }, i) => {
    const outcome = outcomes[i] ?? { status: "failed", reason: "no result from the store" };
    if (outcome.status === "created") {
      created.push({
        service: event["service.name"],
        category: event["event.category"],
        timestamp: event["@timestamp"],
      });
    }
    results[index] = {
      index,
      id: event["event.id"],
      category: event["event.category"],
      status: outcome.status,
      ...(outcome.status === "failed" ? { reason: outcome.reason } : {}),
    };
  });
  return undefined;
}

/**
 * Ingests a batch: validate each event, mask it, drop repeats of an id
 * within the batch, and write the rest in one bulk call. Every item gets
 * its own result; one bad event never fails the others, and a batch whose
 * events are all refused is answered item by item too (as a bulk API does).
 */
export async function ingestLogs(
  deps: IngestLogsDeps,
  items: readonly IngestItem[],
): Promise<IngestReport> {
  const started = performance.now();
  const now = deps.now?.() ?? new Date();
  const results: IngestItemResult[] = new Array(items.length);
  const seen = new Set<string>();
  const writing: Promise<unknown>[] = [];
  const refusals: unknown[] = [];
  const created: WrittenEvent[] = [];

  // Chunks are prepared while earlier chunks are being written, so
  // validation and masking overlap the store's own work; a chunk's write
  // starts as soon as it is ready, with a bounded number in flight.
  for (let start = 0; start < items.length; start += WRITE_CHUNK) {
    const chunk = await prepareChunk(deps, items, start, now, seen, results);
    if (chunk.length === 0) continue;
    if (writing.length >= WRITES_IN_FLIGHT) refusals.push(await writing.shift());
    writing.push(writeChunk(deps.store, chunk, results, created));
  }
  refusals.push(...await Promise.all(writing));
  const refusal = refusals.find((error) => error !== undefined);

  const count = (status: IngestItemResult["status"]) =>
    results.filter((r) => r.status === status).length;
  // Nothing of the batch reached the store: the store's error (a 503 with
  // Retry-After when it is unavailable) is the answer, not a report of failures.
  if (refusal !== undefined && refusals.every((error) => error !== undefined)) throw refusal;
  await invalidateCached(deps, created);
  return {
    items: results,
    created: count("created"),
    duplicates: count("duplicate"),
    rejected: count("rejected"),
    failed: count("failed"),
    took_ms: Math.round((performance.now() - started) * 100) / 100,
  };
}

/** Drops the cached answers the created events change, at once and after the store's visibility lag. */
async function invalidateCached(deps: IngestLogsDeps, created: readonly WrittenEvent[]) {
  if (!deps.cache || created.length === 0) return;
  await deps.cache.invalidate(ingestTags(created), { againAfterMs: deps.store.visibilityLagMs });
}
