import { AppError } from "../errors/mod.ts";
import type { AuditDeps } from "./audit_deps.ts";
import { type AuditEventInput, normalizeAuditEvent } from "./event_policy.ts";
import type { AppendOutcome } from "./ports.ts";
import type { AuditEventDraft } from "./types.ts";

/** One submitted item: well-formed input, or the shape error found for it. */
export type AppendItem =
  | { readonly input: AuditEventInput; readonly path: string }
  | { readonly error: AppError };

/** What happened to one item. */
export type AppendItemResult =
  | Exclude<AppendOutcome, { status: "conflict" }>
  | { readonly status: "rejected"; readonly error: AppError };

/**
 * Appends a batch of client events (POST /audit/events). Each item is judged
 * on its own: rejected items are reported with their problem and nothing of
 * them is stored; the accepted ones are stored together, atomically, so a
 * failure stores none and a retry with the same ids stores each exactly once.
 */
export async function appendAuditEvents(
  deps: AuditDeps,
  request: { readonly recordedBy: string; readonly items: readonly AppendItem[] },
): Promise<AppendItemResult[]> {
  if (request.items.length > deps.limits.maxBatch) {
    throw new AppError("AUDIT_BATCH_TOO_LARGE", {
      detail: `${request.items.length} events sent, at most ${deps.limits.maxBatch} per request`,
    });
  }
  const now = deps.now();
  const results: (AppendItemResult | undefined)[] = [];
  const drafts: { index: number; draft: AuditEventDraft }[] = [];
  request.items.forEach((item, index) => {
    if ("error" in item) {
      results[index] = { status: "rejected", error: item.error };
      return;
    }
    const normalized = normalizeAuditEvent(item.input, {
      futureToleranceMs: deps.limits.futureToleranceMs,
      retentionDays: deps.limits.retentionDays,
      now,
      newId: deps.newId,
      recordedBy: request.recordedBy,
      path: item.path,
    });
    if (!normalized.ok) {
      results[index] = { status: "rejected", error: normalized.error };
      return;
    }
    const masked = deps.maskAuditPayload({
      changes: normalized.draft.changes,
      metadata: normalized.draft.metadata,
    });
    drafts.push({ index, draft: { ...normalized.draft, ...masked } });
  });

  const outcomes = drafts.length > 0 ? await deps.store.append(drafts.map((d) => d.draft)) : [];
  drafts.forEach(({ index }, i) => {
    const outcome = outcomes[i]!;
    results[index] = outcome.status === "conflict"
      ? {
        status: "rejected",
        error: new AppError("AUDIT_DUPLICATE_CONFLICT", {
          detail: `event id ${outcome.id} was already used for a different event`,
        }),
      }
      : outcome;
  });
  return results as AppendItemResult[];
}
