/**
 * Verification of the chain as a walk over events in `seq` order, fed in
 * chunks. The state between chunks is plain data, so each chunk can run in a
 * worker and the walk never holds the whole chain in memory.
 *
 * Each break is named by the first `seq` it affects and its kind:
 * - `edited`: an event's content no longer matches its hash, or an event was
 *   rewritten with a fresh hash (its successor still records the old one);
 * - `deleted`: a seq is missing and no retention record accounts for it, or
 *   the chain ends before its recorded head or a signed checkpoint;
 * - `inserted`: two events share a seq, or events lie beyond the recorded head;
 * - `reordered`: an event carries the hash it was given at another seq;
 * - `checkpoint_mismatch`: a signed checkpoint disagrees with the chain, or
 *   its signature does not verify.
 * @module
 */
import { eventHash } from "./hash_chain.ts";
import { type Sha256Hex, sha256Hex } from "../crypto/sha256.ts";
import { type AuditEvent, type ChainHead, GENESIS_HASH } from "./types.ts";

export const BREAK_KINDS = [
  "edited",
  "deleted",
  "inserted",
  "reordered",
  "checkpoint_mismatch",
] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

/** One place where the chain is not what was written. */
export interface ChainBreak {
  readonly seq: number;
  readonly kind: BreakKind;
  readonly detail: string;
}

/** Seqs removed by retention, with the hashes on either side of the hole. */
export interface RetentionGap {
  readonly first_seq: number;
  readonly last_seq: number;
  /** `prev_hash` of the first removed event. */
  readonly prev_hash: string;
  /** `hash` of the last removed event. */
  readonly last_hash: string;
}

/** A signed checkpoint whose signature was already checked. */
export interface CheckpointClaim {
  readonly id: number;
  readonly seq: number;
  readonly hash: string;
  readonly signature_valid: boolean;
}

/** Counts of checkpoints met during the walk. */
export interface CheckpointTally {
  /** Every checkpoint met, whichever way it was settled. */
  checked: number;
  matched: number;
  /** Their event was removed by retention and was not the last one removed. */
  pruned: number;
}

/** The walk's state between chunks: plain, cloneable data. */
export interface WalkState {
  /** Filtered input (an export with filters): missing seqs are expected. */
  readonly partial: boolean;
  expectedSeq: number;
  lastSeq: number;
  lastHashes: string[];
  previousAnomalous: boolean;
  previousFromGap: RetentionGap | null;
  eventsChecked: number;
  gapsCrossed: number;
  breaks: ChainBreak[];
  breakCount: number;
  suspects: AuditEvent[];
  pendingGaps: RetentionGap[];
  pendingCheckpoints: CheckpointClaim[];
  checkpoints: CheckpointTally;
}

/** What a finished walk found. */
export interface WalkReport {
  readonly ok: boolean;
  readonly events_checked: number;
  readonly first_break: ChainBreak | null;
  /** The first {@linkcode MAX_REPORTED_BREAKS} breaks, in seq order. */
  readonly breaks: readonly ChainBreak[];
  readonly break_count: number;
  readonly last_seq: number;
  readonly retention_gaps_crossed: number;
  readonly checkpoints: Readonly<CheckpointTally>;
}

/** Input of one chunk besides its events (plain data: it crosses to workers). */
export interface ChunkContext {
  /** Retention gaps not given before, sorted by `first_seq`. */
  readonly gaps?: readonly RetentionGap[];
  /** Checkpoints not given before, sorted by `seq`. */
  readonly checkpoints?: readonly CheckpointClaim[];
}

export const MAX_REPORTED_BREAKS = 100;
const MAX_SUSPECTS = 64;
const KIND_RANK: Record<BreakKind, number> = {
  inserted: 0,
  deleted: 1,
  reordered: 2,
  edited: 3,
  checkpoint_mismatch: 4,
};

/** A walk from the genesis of the chain. */
export function startWalk(options: { partial?: boolean } = {}): WalkState {
  return {
    partial: options.partial ?? false,
    expectedSeq: 1,
    lastSeq: 0,
    lastHashes: [GENESIS_HASH],
    previousAnomalous: false,
    previousFromGap: null,
    eventsChecked: 0,
    gapsCrossed: 0,
    breaks: [],
    breakCount: 0,
    suspects: [],
    pendingGaps: [],
    pendingCheckpoints: [],
    checkpoints: { checked: 0, matched: 0, pruned: 0 },
  };
}

/** Options of {@linkcode walkChunk}: the chunk's context and the digest to use. */
export interface WalkOptions extends ChunkContext {
  readonly sha256?: Sha256Hex;
}

/**
 * Walks one chunk of events (ascending `seq`, continuing the previous chunk)
 * and returns the updated state. `state` is updated in place.
 */
export function walkChunk(
  state: WalkState,
  events: readonly AuditEvent[],
  options: WalkOptions = {},
): WalkState {
  const sha256 = options.sha256 ?? sha256Hex;
  state.pendingGaps.push(...(options.gaps ?? []));
  state.pendingCheckpoints.push(...(options.checkpoints ?? []));
  for (const event of events) walkEvent(state, event, sha256);
  return state;
}

function walkEvent(state: WalkState, event: AuditEvent, sha256: Sha256Hex): void {
  if (state.eventsChecked > 0 && event.seq === state.lastSeq) {
    addBreak(state, event.seq, "inserted", `a second event carries seq ${event.seq}`);
    state.eventsChecked++;
    if (eventHash(event, sha256) === event.hash) state.lastHashes.push(event.hash);
    return;
  }
  let afterUnexplainedGap = false;
  while (event.seq > state.expectedSeq) {
    const gap = state.pendingGaps[0];
    if (gap && gap.first_seq === state.expectedSeq) {
      crossGap(state, gap);
      continue;
    }
    if (!state.partial) {
      const last = event.seq - 1;
      const range = last === state.expectedSeq ? `${last}` : `${state.expectedSeq}–${last}`;
      addBreak(state, state.expectedSeq, "deleted", `seq ${range} missing`);
    }
    afterUnexplainedGap = true;
    state.expectedSeq = event.seq;
  }
  settleCheckpointsBefore(state, event.seq);

  const selfOk = eventHash(event, sha256) === event.hash;
  const linkOk = afterUnexplainedGap || state.lastHashes.includes(event.prev_hash);
  if (!selfOk) {
    addBreak(state, event.seq, "edited", "content does not match its hash");
    if (state.suspects.length < MAX_SUSPECTS) state.suspects.push(event);
  } else if (!linkOk && !state.previousAnomalous) {
    if (state.previousFromGap) {
      const gap = state.previousFromGap;
      addBreak(
        state,
        event.seq,
        "edited",
        `prev_hash does not match the retention record of seq ${gap.first_seq}–${gap.last_seq}`,
      );
    } else {
      addBreak(
        state,
        state.lastSeq,
        "edited",
        `rewritten with a new hash: seq ${event.seq} recorded a different one`,
      );
    }
  }
  for (const checkpoint of takeCheckpoints(state, event.seq)) {
    compareCheckpoint(state, checkpoint, event.hash);
  }
  state.eventsChecked++;
  state.previousAnomalous = !selfOk;
  state.previousFromGap = null;
  state.lastSeq = event.seq;
  state.expectedSeq = event.seq + 1;
  state.lastHashes = [event.hash];
}

function crossGap(state: WalkState, gap: RetentionGap): void {
  state.pendingGaps.shift();
  if (!state.lastHashes.includes(gap.prev_hash) && !state.previousAnomalous) {
    addBreak(
      state,
      gap.first_seq,
      "deleted",
      `retention record of seq ${gap.first_seq}–${gap.last_seq} does not link to seq ${state.lastSeq}`,
    );
  }
  for (const checkpoint of takeCheckpoints(state, gap.last_seq)) {
    if (checkpoint.seq === gap.last_seq) compareCheckpoint(state, checkpoint, gap.last_hash);
    else if (checkpoint.signature_valid) {
      state.checkpoints.checked++;
      state.checkpoints.pruned++;
    } else compareCheckpoint(state, checkpoint, "");
  }
  state.gapsCrossed++;
  state.previousAnomalous = false;
  state.previousFromGap = gap;
  state.lastSeq = gap.last_seq;
  state.expectedSeq = gap.last_seq + 1;
  state.lastHashes = [gap.last_hash];
}

/** Checkpoints at seqs that were skipped (missing events): already reported as deleted. */
function settleCheckpointsBefore(state: WalkState, seq: number): void {
  while (state.pendingCheckpoints.length > 0 && state.pendingCheckpoints[0]!.seq < seq) {
    const checkpoint = state.pendingCheckpoints.shift()!;
    state.checkpoints.checked++;
    if (!checkpoint.signature_valid) signatureBreak(state, checkpoint);
  }
}

function takeCheckpoints(state: WalkState, upToSeq: number): CheckpointClaim[] {
  const taken: CheckpointClaim[] = [];
  while (state.pendingCheckpoints.length > 0 && state.pendingCheckpoints[0]!.seq <= upToSeq) {
    taken.push(state.pendingCheckpoints.shift()!);
  }
  return taken;
}

function compareCheckpoint(state: WalkState, checkpoint: CheckpointClaim, hash: string): void {
  state.checkpoints.checked++;
  if (!checkpoint.signature_valid) return signatureBreak(state, checkpoint);
  if (checkpoint.hash === hash) {
    state.checkpoints.matched++;
    return;
  }
  addBreak(
    state,
    checkpoint.seq,
    "checkpoint_mismatch",
    `checkpoint ${checkpoint.id} signed hash ${checkpoint.hash.slice(0, 12)}… for this seq`,
  );
}

function signatureBreak(state: WalkState, checkpoint: CheckpointClaim): void {
  addBreak(
    state,
    checkpoint.seq,
    "checkpoint_mismatch",
    `checkpoint ${checkpoint.id} has an invalid signature`,
  );
}

function addBreak(state: WalkState, seq: number, kind: BreakKind, detail: string): void {
  state.breakCount++;
  if (state.breaks.length < MAX_REPORTED_BREAKS) state.breaks.push({ seq, kind, detail });
}

/** What the end of the chain must agree with. */
export interface FinishContext extends ChunkContext {
  /** The head recorded next to the chain when the walk started. */
  readonly head?: ChainHead | undefined;
  /** The lowest seq stored beyond the recorded head, if any. */
  readonly firstSeqBeyondHead?: number | null | undefined;
}

/**
 * Ends the walk: crosses trailing retention gaps, compares the end with the
 * recorded head and with checkpoints past the last event, and tells moved
 * events (`reordered`) from edited ones.
 */
export function finishWalk(
  state: WalkState,
  options: FinishContext & { readonly sha256?: Sha256Hex } = {},
): WalkReport {
  const sha256 = options.sha256 ?? sha256Hex;
  walkChunk(state, [], { gaps: options.gaps, checkpoints: options.checkpoints, sha256 });
  while (state.pendingGaps[0]?.first_seq === state.expectedSeq) {
    crossGap(state, state.pendingGaps[0]);
  }
  if (!state.partial) checkTail(state, options);
  for (const checkpoint of state.pendingCheckpoints.splice(0)) {
    if (!checkpoint.signature_valid) {
      state.checkpoints.checked++;
      signatureBreak(state, checkpoint);
    }
  }
  classifyMoves(state, sha256);
  const breaks = [...state.breaks].sort((a, b) =>
    a.seq - b.seq || KIND_RANK[a.kind] - KIND_RANK[b.kind]
  );
  return {
    ok: state.breakCount === 0,
    events_checked: state.eventsChecked,
    first_break: breaks[0] ?? null,
    breaks,
    break_count: state.breakCount,
    last_seq: state.lastSeq,
    retention_gaps_crossed: state.gapsCrossed,
    checkpoints: { ...state.checkpoints },
  };
}

function checkTail(state: WalkState, context: FinishContext): void {
  const head = context.head;
  if (head) {
    if (head.seq > state.lastSeq) {
      addBreak(
        state,
        state.lastSeq + 1,
        "deleted",
        `chain ends at seq ${state.lastSeq}, its head is ${head.seq}`,
      );
    } else if (head.seq === state.lastSeq && !state.lastHashes.includes(head.hash)) {
      addBreak(state, head.seq, "edited", "last event differs from the recorded head");
    }
  }
  if (context.firstSeqBeyondHead != null) {
    addBreak(
      state,
      context.firstSeqBeyondHead,
      "inserted",
      `events stored beyond the recorded head (seq ${head?.seq ?? "?"})`,
    );
  }
  const beyond = state.pendingCheckpoints.filter((c) => c.signature_valid && c.seq > state.lastSeq);
  if (beyond.length > 0 && !(head && head.seq > state.lastSeq)) {
    const furthest = beyond[beyond.length - 1]!;
    addBreak(
      state,
      state.lastSeq + 1,
      "deleted",
      `checkpoint ${furthest.id} signed seq ${furthest.seq}, the chain ends at ${state.lastSeq}`,
    );
  }
  state.checkpoints.checked += beyond.length;
  state.pendingCheckpoints = state.pendingCheckpoints.filter((c) => !beyond.includes(c));
}

/** An event whose hash matches when given another suspect's seq was moved there from that seq. */
function classifyMoves(state: WalkState, sha256: Sha256Hex): void {
  const suspects = state.suspects;
  for (const suspect of suspects) {
    const home = suspects.find((other) =>
      other.seq !== suspect.seq &&
      eventHash({ ...suspect, seq: other.seq }, sha256) === suspect.hash
    );
    if (!home) continue;
    const index = state.breaks.findIndex((b) =>
      b.seq === suspect.seq && b.kind === "edited" && b.detail === "content does not match its hash"
    );
    if (index >= 0) {
      state.breaks[index] = {
        seq: suspect.seq,
        kind: "reordered",
        detail: `event ${suspect.id} was written at seq ${home.seq}`,
      };
    }
  }
}
