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

/** The parser refuses events stamped further ahead than this. */
const FUTURE_SKEW_MS = EVENT_LIMITS.maxFutureMinutes * 60_000;
/** Below the engines' default result window of 10,000. */
const IDS_PER_LOOKUP = 1_000;

/** Creation times kept, by index name (they never change); more are rarely alive at once. */
const MAX_CACHED_INDICES = 1_000;

/**
 * `create` refuses a known `_id` only inside one backing index, so after a
 * rollover a resent event would be stored twice. An event stamped T was
 * ingested no earlier than T minus the parser's future skew, into the index
 * writing at that time; so only events stamped before the write index's
 * creation plus that skew can sit in an older one, and only those are looked
 * up. Each batch asks which index writes now (one small request per data
 * stream, so a retry right after a rollover is caught); creation times are
 * kept by index name. Live traffic and streams with a single backing index
 * cost that request only.
 *
 * Answers, per event, whether it is already stored. An unreachable engine is
 * thrown; any other failed lookup is reported, and the stream's events are
 * written unchecked for `backoffMs`: a rare second copy is better than a
 * refused batch, and one warning a minute is enough.
 */
export function rolloverDuplicateCheck(
  ops: EngineOps,
  options: RolloverDuplicateOptions = {},
): (writes: readonly PendingWrite[]) => Promise<boolean[]> {
  const backoffMs = options.backoffMs ?? 60_000;
  const now = options.now ?? Date.now;
  const created = new Map<string, number | undefined>();
  const uncheckedUntil = new Map<string, number>();

  function skipped(what: string, dataStream: string, error: unknown): undefined {
    if (ops.classify(error) === "unavailable") throw error;
    uncheckedUntil.set(dataStream, now() + backoffMs);
    options.onWarning?.(`${what} failed; events written without the rollover duplicate check`, {
      "search.engine": ops.engine,
      "data_stream.name": dataStream,
      error: error instanceof Error ? error : new Error(String(error)),
    });
    return undefined;
  }

  /** Creation time of the stream's write index when older indices exist, else `undefined`. */
  async function writeIndexSince(dataStream: string): Promise<number | undefined> {
    if ((uncheckedUntil.get(dataStream) ?? 0) > now()) return undefined;
    try {
      const index = await ops.writeIndex(dataStream);
      if (!index?.hasOlder) return undefined;
      if (!created.has(index.name)) {
        if (created.size >= MAX_CACHED_INDICES) created.clear();
        created.set(index.name, await ops.indexCreated(index.name));
      }
      return created.get(index.name);
    } catch (error) {
      return skipped("write index lookup", dataStream, error);
    }
  }

  async function storedIds(dataStream: string, ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    try {
      for (let start = 0; start < ids.length; start += IDS_PER_LOOKUP) {
        const page = await ops.existingIds(dataStream, ids.slice(start, start + IDS_PER_LOOKUP));
        for (const id of page) found.add(id);
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
      const since = await writeIndexSince(dataStream);
      if (since === undefined) return;
      const candidates = positions.filter((i) =>
        Date.parse(writes[i]!.timestamp) < since + FUTURE_SKEW_MS
      );
      if (candidates.length === 0) return;
      const found = await storedIds(dataStream, candidates.map((i) => writes[i]!.id));
      for (const i of candidates) stored[i] = found.has(writes[i]!.id);
    }));
    return stored;
  };
}
