/**
 * Serving the Art. 15(3) copy (`format=ndjson` of the GDPR route): the same
 * checks as the report, recorded as `report.download` before any data leaves,
 * streamed in chunks up to the chain head (or the `max_seq` a report named),
 * so it matches the SHA-256 that report states.
 * @module
 */
import { type AuditCaller, recordCallerEvent } from "../audit/mod.ts";
import { rowScope } from "./generate_report.ts";
import type { ReportDeps } from "./report_deps.ts";
import { allowedReportParameters, type ReportAsk } from "./report_request.ts";
import { subjectCopyText } from "./subject_copy.ts";

export interface SubjectCopyRequest {
  readonly caller: AuditCaller;
  readonly ask: ReportAsk;
  /** Bound the copy at this seq (a report's `copy.max_seq`); default: the chain head. */
  readonly maxSeq?: number | undefined;
}

export async function subjectCopy(
  deps: ReportDeps,
  request: SubjectCopyRequest,
): Promise<{ readonly maxSeq: number; readonly body: AsyncGenerator<string, void, undefined> }> {
  const parameters = allowedReportParameters(deps, request.caller.principal, {
    ...request.ask,
    type: "gdpr",
  });
  const head = await deps.audit.store.head();
  const maxSeq = Math.min(request.maxSeq ?? head.seq, head.seq);
  await recordCallerEvent(deps.audit, {
    caller: request.caller,
    action: "report.download",
    action_type: "export",
    resource: { type: "report_copy", id: parameters.subject ?? null },
    outcome: "success",
    metadata: {
      report_type: "gdpr",
      part: "art_15_3_copy",
      subject: parameters.subject ?? null,
      from: parameters.from,
      to: parameters.to,
      max_seq: maxSeq,
    },
  });
  return { maxSeq, body: subjectCopyText(deps, rowScope(deps, parameters), maxSeq) };
}
