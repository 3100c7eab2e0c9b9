/**
 * The copy of GDPR Art. 15(3): the subject's audit events as NDJSON, in
 * chain order, bounded by a chain head so the same request always yields the
 * same bytes. The report states its event count and SHA-256, computed by
 * reading it the same way it is served.
 * @module
 */
import { exportEvent } from "../audit/mod.ts";
import type { RowScope } from "./ports.ts";
import type { ReportDeps } from "./report_deps.ts";

/** The copy's NDJSON text, one chunk of events at a time. */
export async function* subjectCopyText(
  deps: Pick<ReportDeps, "rows" | "limits">,
  scope: RowScope,
  maxSeq: number,
  counted?: { events: number },
): AsyncGenerator<string, void, undefined> {
  const limit = deps.limits.chunkRows;
  let afterSeq = 0;
  for (;;) {
    const events = await deps.rows.subjectEvents(scope, { afterSeq, maxSeq, limit });
    if (events.length === 0) return;
    let text = "";
    for (const event of events) text += exportEvent("ndjson", event);
    if (counted) counted.events += events.length;
    afterSeq = events[events.length - 1]!.seq;
    yield text;
    if (events.length < limit) return;
  }
}

/** Reads the copy once: its event count and SHA-256. */
export async function describeSubjectCopy(
  deps: Pick<ReportDeps, "rows" | "limits" | "digest">,
  scope: RowScope,
  maxSeq: number,
): Promise<{ events: number; sha256: string }> {
  const hash = deps.digest.incremental();
  const counted = { events: 0 };
  for await (const text of subjectCopyText(deps, scope, maxSeq, counted)) hash.update(text);
  return { events: counted.events, sha256: hash.hex() };
}
