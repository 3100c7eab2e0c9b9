import { AppError } from "../errors/mod.ts";
import type { AuditCaller, AuditDeps } from "./audit_deps.ts";
import { recordCallerEvent } from "./caller_events.ts";
import type { Checkpoint, VerificationReport } from "./ports.ts";

/**
 * Verifies the whole chain and its signed checkpoints, and records that it
 * was done and what was found (`audit.verify`).
 */
export async function verifyAuditChain(
  deps: AuditDeps,
  caller: AuditCaller,
): Promise<VerificationReport> {
  const report = await deps.verifier.verify();
  await recordCallerEvent(deps, {
    caller,
    action: "audit.verify",
    action_type: "verify",
    resource: { type: "audit_log", id: null },
    outcome: report.ok ? "success" : "failure",
    metadata: {
      events_checked: report.events_checked,
      head_seq: report.head.seq,
      break_count: report.break_count,
      first_break: report.first_break ? { ...report.first_break } : null,
    },
  });
  return report;
}

/** Signs a checkpoint of the current head now, and records who asked for it. */
export async function createCheckpointNow(
  deps: AuditDeps,
  caller: AuditCaller,
): Promise<Checkpoint> {
  const checkpoint = await deps.checkpoints.create("on_demand");
  await recordCallerEvent(deps, {
    caller,
    action: "audit.checkpoint",
    action_type: "checkpoint",
    resource: { type: "audit_checkpoint", id: String(checkpoint.id) },
    outcome: "success",
    metadata: { head_seq: checkpoint.head_seq, key_id: checkpoint.key_id },
  });
  return checkpoint;
}

/** One checkpoint, or `AUDIT_CHECKPOINT_NOT_FOUND`. */
export async function getCheckpoint(deps: AuditDeps, id: number): Promise<Checkpoint> {
  const checkpoint = await deps.checkpoints.get(id);
  if (!checkpoint) throw new AppError("AUDIT_CHECKPOINT_NOT_FOUND");
  return checkpoint;
}
