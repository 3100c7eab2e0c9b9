/**
 * Generating one report (the plan's `generate_compliance_report`,
 * `generate_gdpr_report`, `generate_privacy_report`,
 * `generate_security_report`): read the rows of its scope in keyset chunks
 * up to the chain head, fold each chunk in the worker pool while the next one
 * is read, merge the partials, add what the report needs from elsewhere
 * (verification, checkpoint, register, log counts, the subject's copy),
 * render, hash and sign — and record the generation in the audit trail.
 * @module
 */
import { type AuditCaller, type ChainHead, recordCallerEvent } from "../audit/mod.ts";
import { isAppError } from "../errors/mod.ts";
import { type BuildContext, emptyPartial, finishPartial, mergePartial } from "./builders/mod.ts";
import type { ReportStatement, RowScope } from "./ports.ts";
import type { ReportDeps } from "./report_deps.ts";
import { reportExtras } from "./report_extras.ts";
import { REPORT_COLUMNS, rowFocus } from "./row_focus.ts";
import {
  REPORT_CONTENT_TYPES,
  type ReportDocument,
  type ReportFormat,
  type ReportParameters,
} from "./report_types.ts";

/** One generation. */
export interface GenerateRequest {
  readonly caller: AuditCaller;
  readonly parameters: ReportParameters;
  readonly format: ReportFormat;
  readonly reportId: string;
  /** Called after each chunk with the rows read so far. */
  readonly onProgress?: (rowsDone: number) => void | Promise<void>;
  /** Set on job runs: recorded with the generation. */
  readonly jobId?: string;
}

/** A generated, rendered and signed report. */
export interface GeneratedReport {
  readonly document: ReportDocument;
  readonly content: Uint8Array;
  readonly contentType: string;
  readonly filename: string;
  readonly sha256: string;
  /** Detached JWS (EdDSA, unencoded payload) over `content`. */
  readonly signature: string;
  readonly statement: ReportStatement;
}

/** The scope of rows a report reads. */
export function rowScope(deps: ReportDeps, parameters: ReportParameters): RowScope {
  const subject = parameters.subject;
  return {
    from: parameters.from,
    to: parameters.to,
    ...(parameters.type === "gdpr" && subject
      ? {
        subject: {
          id: subject,
          metadataPaths: deps.gdpr.subjectPaths,
          aliases: [...new Set([subject, ...deps.gdpr.subjectAliases(subject)])],
        },
      }
      : {}),
    focus: rowFocus(parameters.type, deps.settings),
    columns: REPORT_COLUMNS[parameters.type],
    purposePath: deps.paths.purpose,
    countPath: deps.paths.count,
  };
}

/** Generates, renders, signs and records one report. */
export async function generateReport(
  deps: ReportDeps,
  request: GenerateRequest,
): Promise<GeneratedReport> {
  const { parameters, format } = request;
  const head = await deps.audit.store.head();
  try {
    const generated = await build(deps, request, head);
    await record(deps, request, head, {
      outcome: "success",
      rows: generated.document.rows_scanned,
      sha256: generated.sha256,
    });
    return generated;
  } catch (error) {
    await record(deps, request, head, {
      outcome: "failure",
      reason: isAppError(error) ? error.code : "internal",
    }).catch((failure) => deps.audit.reportError?.("report failure not recorded", failure));
    throw error;
  }

  async function build(deps: ReportDeps, request: GenerateRequest, head: ChainHead) {
    const scope = rowScope(deps, parameters);
    const context: BuildContext = { settings: deps.settings, subject: parameters.subject };
    const total = emptyPartial(parameters.type);
    let rowsDone = 0;
    await forEachWindow(head.seq, deps.limits.chunkRows, async (window) => {
      const chunk = await deps.rows.chunk(scope, window);
      if (chunk.count === 0) return;
      const partial = await deps.runner.accumulate({
        type: parameters.type,
        settings: deps.settings,
        subject: parameters.subject,
        rows: chunk.rows,
      });
      mergePartial(parameters.type, total, partial, context);
      rowsDone += chunk.count;
      await request.onProgress?.(rowsDone);
    });

    const extras = await reportExtras(deps, {
      parameters,
      head,
      scope,
      reportId: request.reportId,
    });
    const document: ReportDocument = {
      report_id: request.reportId,
      type: parameters.type,
      title: TITLES[parameters.type],
      subject: describe(parameters),
      parameters,
      generated_at: deps.audit.now().toISOString(),
      generated_by: request.caller.principal.id,
      chain_head: head,
      rows_scanned: rowsDone,
      data: finishPartial(parameters.type, total, context, extras),
    };
    const content = await deps.runner.render(document, format);
    const sha256 = deps.digest.sha256Hex(content);
    const statement: ReportStatement = {
      report_id: document.report_id,
      type: document.type,
      format,
      parameters,
      generated_at: document.generated_at,
      chain_head: { seq: head.seq, hash: head.hash },
      content_sha256: sha256,
      content_length: content.byteLength,
    };
    return {
      document,
      content,
      contentType: REPORT_CONTENT_TYPES[format],
      filename: reportFilename(document, format),
      sha256,
      signature: await deps.signer.sign(content, statement),
      statement,
    };
  }
}

/** Windows read and folded at once: while one is read, others are folded in the pool. */
const WINDOWS_AT_ONCE = 3;

/**
 * Runs `work` over the seq windows `(0, width]`, `(width, 2·width]`, … up to
 * `lastSeq`, a few at a time. Partials merge in any order (the builders'
 * merge is order-free), so windows need not finish in turn.
 */
async function forEachWindow(
  lastSeq: number,
  width: number,
  work: (window: { afterSeq: number; throughSeq: number }) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const running = new Set<Promise<void>>();
  while ((next < lastSeq || running.size > 0) && !failure) {
    while (next < lastSeq && running.size < WINDOWS_AT_ONCE && !failure) {
      const window = { afterSeq: next, throughSeq: Math.min(next + width, lastSeq) };
      next = window.throughSeq;
      const task: Promise<void> = work(window).catch((error) => {
        failure ??= { error };
      }).finally(() => running.delete(task));
      running.add(task);
    }
    if (running.size > 0) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}

const TITLES = {
  compliance: "Audit compliance report (PCI DSS v4.0 10.2.1)",
  gdpr: "GDPR Art. 15 subject access report",
  privacy: "Privacy report",
  security: "Security report",
} as const;

function describe(parameters: ReportParameters): string {
  const range = `${parameters.from} – ${parameters.to}`;
  return parameters.type === "gdpr"
    ? `Data subject ${parameters.subject}, ${range}`
    : `Audit events ${range}`;
}

/** `gdpr-report-20260101T000000Z.pdf` style names. */
function reportFilename(document: ReportDocument, format: ReportFormat): string {
  const stamp = document.generated_at.replaceAll(":", "").replaceAll("-", "").replace(
    /\.\d+Z$/,
    "Z",
  );
  return `${document.type}-report-${stamp}.${format}`;
}

async function record(
  deps: ReportDeps,
  request: GenerateRequest,
  head: ChainHead,
  what: { outcome: "success" | "failure"; reason?: string; rows?: number; sha256?: string },
): Promise<void> {
  const p = request.parameters;
  await recordCallerEvent(deps.audit, {
    caller: request.caller,
    action: "report.generate",
    action_type: "export",
    resource: { type: "report", id: request.reportId },
    outcome: what.outcome,
    ...(what.reason ? { reason: what.reason } : {}),
    metadata: {
      report_type: p.type,
      format: request.format,
      from: p.from,
      to: p.to,
      ...(p.subject ? { subject: p.subject } : {}),
      head_seq: head.seq,
      ...(request.jobId ? { job_id: request.jobId } : {}),
      ...(what.rows !== undefined ? { rows_scanned: what.rows } : {}),
      ...(what.sha256 ? { content_sha256: what.sha256 } : {}),
    },
  });
}
