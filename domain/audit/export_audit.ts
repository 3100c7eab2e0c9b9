import type { AuditCaller, AuditDeps } from "./audit_deps.ts";
import { type AuditFilter, checkFilter, describeFilter } from "./audit_filter.ts";
import { recordCallerEvent } from "./caller_events.ts";
import {
  EXPORT_CONTENT_TYPES,
  exportEvent,
  type ExportFormat,
  exportPreamble,
} from "./export_format.ts";

/** What to export, for whom. */
export interface ExportRequest {
  readonly caller: AuditCaller;
  readonly filter: AuditFilter;
  readonly format: ExportFormat;
}

/** A started export: headers to send, then the body as it is read. */
export interface AuditExport {
  readonly contentType: string;
  readonly filename: string;
  /** Highest seq included: the chain head when the export began. */
  readonly maxSeq: number;
  readonly body: AsyncGenerator<string, void, undefined>;
}

/**
 * Exports the events matching `filter` in chain order, with no row cap and
 * constant memory: the body reads one short keyset query at a time as the
 * client consumes it (no cursor or transaction stays open, which on the
 * embedded single-session database would stall every other query). The
 * export is bounded by the head at its start, so it ends even while events
 * keep arriving. It is recorded twice: when it starts (before any data
 * leaves; failing that, nothing is sent) and when it ends, with the row count
 * and whether the client received everything.
 */
export async function startAuditExport(
  deps: AuditDeps,
  request: ExportRequest,
): Promise<AuditExport> {
  const checked = checkFilter(request.filter);
  const head = await deps.store.head();
  const filter = describeFilter(checked);
  await recordCallerEvent(deps, {
    caller: request.caller,
    action: "audit.export",
    action_type: "export",
    resource: { type: "audit_log", id: null },
    outcome: "success",
    metadata: { phase: "started", format: request.format, filter, max_seq: head.seq },
  });
  const stamp = deps.now().toISOString().replaceAll(":", "").replace(/\.\d+Z$/, "Z");
  return {
    contentType: EXPORT_CONTENT_TYPES[request.format],
    filename: `audit-export-${stamp}.${request.format}`,
    maxSeq: head.seq,
    body: exportBody(deps, { ...request, filter: checked, maxSeq: head.seq }),
  };
}

async function* exportBody(
  deps: AuditDeps,
  request: ExportRequest & { readonly maxSeq: number },
): AsyncGenerator<string, void, undefined> {
  const maxSeq = request.maxSeq;
  const limit = deps.limits.exportChunkRows;
  let rows = 0;
  let state: "aborted" | "completed" | "failed" = "aborted";
  try {
    yield exportPreamble(request.format);
    let afterSeq = 0;
    for (;;) {
      const chunk = await deps.store.exportChunk(request.filter, { afterSeq, maxSeq, limit });
      if (chunk.length === 0) break;
      let text = "";
      for (const event of chunk) text += exportEvent(request.format, event);
      rows += chunk.length;
      afterSeq = chunk[chunk.length - 1]!.seq;
      yield text;
      if (chunk.length < limit) break;
    }
    state = "completed";
  } catch (error) {
    state = "failed";
    throw error;
  } finally {
    await recordCallerEvent(deps, {
      caller: request.caller,
      action: "audit.export",
      action_type: "export",
      resource: { type: "audit_log", id: null },
      outcome: state === "completed" ? "success" : "failure",
      ...(state === "completed" ? {} : { reason: state }),
      metadata: {
        phase: state,
        format: request.format,
        filter: describeFilter(request.filter),
        max_seq: maxSeq,
        rows,
      },
    }).catch((error) => deps.reportError?.("audit export end could not be recorded", error));
  }
}
