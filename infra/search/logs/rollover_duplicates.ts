import { EVENT_LIMITS } from "../../../domain/logs/mod.ts";
import type { EngineOps } from "./engine_ops.ts";

/** Options of {@linkcode rolloverDuplicateCheck}. */
export interface RolloverDuplicateOptions {
  /** After a failed lookup, how long a data stream is written unchecked (default 60 s). */
  readonly backoffMs?: number;
  readonly now?: () => number;
  readonly onWarning?: (message: string, fields?: Record<string, unknown>) => void;
}

/** An event about to be written, as the check sees it. */
export interface PendingWrite {
  readonly dataStream: string;
  readonly id: string;
  /** `@timestamp`, ISO 8601. */
  readonly timestamp: string;
}

/**
 * The parser refuses events stamped further ahead than this; a minute more
 * for the engine's clock (which dates its indices) against ours.
 */
const FUTURE_SKEW_MS = EVENT_LIMITS.maxFutureMinutes * 60_000 + 60_000;
/** Below the engines' default result window of 10,000. */
const IDS_PER_LOOKUP = 1_000;

/** Creation times kept, by index name and uuid; more are rarely alive at once. */
const MAX_CACHED_INDICES = 1_000;

/**
 * `create` refuses a known `_id` only inside one backing index, so after a
 * rollover a resent event would be stored twice. An event stamped T was
 * ingested no earlier than T minus the parser's future skew, into the index
 * writing at that time; so only events stamped before the write index's
 * creation plus that skew can sit in an older one, and only those are looked
 * up: by a search over the data stream, and by a real-time multi-get in the
 * index written just before (a search only sees what the engine has
 * refreshed, and an event written a moment before the rollover may not be).
 *
 * Each write asks which index writes now (one small request per data
 * stream, so a retry right after a rollover is caught); creation times are
 * kept by index. Live traffic costs that request only, except in the
 * minutes after a rollover, when fresh events are still stamped before it.
 *
 * Answers, per event, whether it is already stored. An unreachable engine is
 * thrown; any other failed lookup (a refused privilege, failed shards) is
 * reported, and the stream's events are written unchecked for `backoffMs`: a
 * rare second copy is better than a refused batch, and one warning a minute
 * is enough.
 */
export function rolloverDuplicateCheck(
  ops: EngineOps,
  options: RolloverDuplicateOptions = {},
): (writes: readonly PendingWrite[]) => Promise<boolean[]> {
  const backoffMs = options.backoffMs ?? 60_000;
  const now = options.now ?? Date.now;
  const created = new Map<string, number>();
  const uncheckedUntil = new Map<string, number>();

  function skipped(what: string, dataStream: string, error: unknown): undefined {
    if (ops.classify(error) === "unavailable") throw error;
    uncheckedUntil.set(dataStream, now() + backoffMs);
    options.onWarning?.(`${what} failed; events written without the rollover duplicate check`, {
      "search.engine": ops.engine,
      "data_stream.name": dataStream,
      error,
    });
    return undefined;
  }

  /** The write index's creation time and the index before it, when there is one. */
  async function rolledOver(
    dataStream: string,
  ): Promise<{ since: number; previous: string } | undefined> {
    if ((uncheckedUntil.get(dataStream) ?? 0) > now()) return undefined;
    try {
      const index = await ops.writeIndex(dataStream);
      if (index?.previous === undefined) return undefined;
      const key = `${index.name}/${index.uuid}`;
      let since = created.get(key);
      if (since === undefined) {
        since = await ops.indexCreated(index.name);
        if (since === undefined) throw new Error(`no creation date for ${index.name}`);
        if (created.size >= MAX_CACHED_INDICES) created.clear();
        created.set(key, since);
      }
      return { since, previous: index.previous };
    } catch (error) {
      return skipped("write index lookup", dataStream, error);
    }
  }

  async function storedIds(dataStream: string, previous: string, ids: string[]) {
    const found = new Set<string>();
    try {
      for (let start = 0; start < ids.length; start += IDS_PER_LOOKUP) {
        const slice = ids.slice(start, start + IDS_PER_LOOKUP);
        const pages = await Promise.all([
          ops.existingIds(dataStream, slice),
          ops.idsIn(previous, slice),
        ]);
        for (const page of pages) for (const id of page) found.add(id);
      }
    } catch (error) {
      skipped("stored id lookup", dataStream, error);
    }
    return found;
  }

  return async function findStored(writes) {
    const stored = writes.map(() => false);
    const byStream = new Map<string, number[]>();
    writes.forEach((write, i) => {
      const positions = byStream.get(write.dataStream);
      if (positions) positions.push(i);
      else byStream.set(write.dataStream, [i]);
    });
    await Promise.all([...byStream].map(async ([dataStream, positions]) => {
      const rolled = await rolledOver(dataStream);
      if (rolled === undefined) return;
      const candidates = positions.filter((i) =>
        Date.parse(writes[i]!.timestamp) < rolled.since + FUTURE_SKEW_MS
      );
      if (candidates.length === 0) return;
      const ids = candidates.map((i) => writes[i]!.id);
      const found = await storedIds(dataStream, rolled.previous, ids);
      for (const i of candidates) stored[i] = found.has(writes[i]!.id);
    }));
    return stored;
  };
}
