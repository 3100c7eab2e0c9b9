/**
 * The `audit_walk_chunk` and `audit_finish_walk` task bodies: the pure walk
 * of `domain/audit/chain_walk.ts` with the runtime's native SHA-256. The pool
 * worker and the inline runner both call these, so their reports are
 * identical by construction.
 */
import { createHash } from "node:crypto";
import { finishWalk, walkChunk, type WalkReport, type WalkState } from "../domain/audit/mod.ts";
import type { AuditFinishWalkInput, AuditWalkChunkInput } from "./protocol.ts";

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** One chunk of the walk. */
export function walkChunkNative(input: AuditWalkChunkInput): WalkState {
  return walkChunk(input.state, input.events, { ...input.context, sha256: sha256Hex });
}

/** The walk's final checks. */
export function finishWalkNative(input: AuditFinishWalkInput): WalkReport {
  return finishWalk(input.state, { ...input.context, sha256: sha256Hex });
}
