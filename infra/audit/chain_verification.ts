/**
 * Runs the chain walk of `domain/audit/chain_walk.ts` over a source of events
 * (the database, or an export file), one chunk per worker task: the next
 * chunk is read while the worker hashes the current one, and only one chunk
 * is in memory at a time. Checkpoint signatures are checked first, on this
 * thread, since that is asynchronous crypto and the worker tasks are not.
 * @module
 */
import {
  type AuditEvent,
  type ChainHead,
  type CheckpointClaim,
  type ChunkContext,
  type RetentionGap,
  startWalk,
  type WalkReport,
  type WalkState,
} from "../../domain/audit/mod.ts";
import type { WorkerPool } from "../../workers/pool.ts";
import type { AuditFinishWalkInput, AuditWalkChunkInput } from "../../workers/protocol.ts";
import { finishWalkNative, walkChunkNative } from "../../workers/chain_walk_task.ts";

/** Where the walk's chunks run. */
export interface WalkRunner {
  walkChunk(input: AuditWalkChunkInput): Promise<WalkState>;
  finish(input: AuditFinishWalkInput): Promise<WalkReport>;
}

/** Runs each chunk as a task of the shared worker pool. */
export function poolWalkRunner(pool: Pick<WorkerPool, "run">): WalkRunner {
  return {
    walkChunk: (input) => pool.run({ kind: "audit_walk_chunk", input }),
    finish: (input) => pool.run({ kind: "audit_finish_walk", input }),
  };
}

/** Runs the walk on the calling thread (tests, small tools). */
export const inlineWalkRunner: WalkRunner = {
  walkChunk: (input) => Promise.resolve(walkChunkNative(input)),
  finish: (input) => Promise.resolve(finishWalkNative(input)),
};

/** What the walk checks the events against, and where it runs. */
export interface WalkInputs {
  readonly runner: WalkRunner;
  readonly claims: readonly CheckpointClaim[];
  readonly gaps: readonly RetentionGap[];
  readonly head?: ChainHead | undefined;
  /** Looked up after the last chunk (rows beyond the recorded head). */
  readonly firstSeqBeyondHead?: () => Promise<number | null>;
  /** An export made with filters: missing seqs are expected, not breaks. */
  readonly partial?: boolean;
}

/** Walks `chunks` (ascending seq) and reports what it found. */
export async function walkEvents(
  chunks: AsyncIterator<readonly AuditEvent[]>,
  inputs: WalkInputs,
): Promise<WalkReport> {
  const runner = inputs.runner;
  let state = startWalk({ partial: inputs.partial ?? false });
  let gapIndex = 0;
  let claimIndex = 0;
  const contextUpTo = (seq: number): ChunkContext => {
    const gapsEnd = firstIndexAbove(inputs.gaps, gapIndex, (g) => g.first_seq, seq);
    const claimsEnd = firstIndexAbove(inputs.claims, claimIndex, (c) => c.seq, seq);
    const context = {
      gaps: inputs.gaps.slice(gapIndex, gapsEnd),
      checkpoints: inputs.claims.slice(claimIndex, claimsEnd),
    };
    gapIndex = gapsEnd;
    claimIndex = claimsEnd;
    return context;
  };

  let pending = chunks.next();
  for (;;) {
    const { value: events, done } = await pending;
    if (done || events.length === 0) break;
    pending = chunks.next(); // read the next chunk while this one is walked
    const context = contextUpTo(events[events.length - 1]!.seq);
    state = await runner.walkChunk({ state, events: [...events], context });
  }
  const beyond = inputs.firstSeqBeyondHead ? await inputs.firstSeqBeyondHead() : null;
  return await runner.finish({
    state,
    context: {
      gaps: inputs.gaps.slice(gapIndex),
      checkpoints: inputs.claims.slice(claimIndex),
      head: inputs.head,
      firstSeqBeyondHead: beyond,
    },
  });
}

function firstIndexAbove<T>(
  items: readonly T[],
  from: number,
  key: (item: T) => number,
  limit: number,
): number {
  let i = from;
  while (i < items.length && key(items[i]!) <= limit) i++;
  return i;
}
