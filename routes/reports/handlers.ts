import type { Context } from "hono";
import {
  type Delivery,
  downloadReportJob,
  type GeneratedReport,
  getReportJob,
  REPORT_CONTENT_TYPES,
  type ReportDeps,
  type ReportJob,
  requestReport,
  subjectCopy,
} from "../../domain/reports/mod.ts";
import type { AppEnv, AppRouteHandler } from "../app/env.ts";
import { textStream } from "../app/text_stream.ts";
import type * as routes from "./routes.ts";
import { auditCaller } from "../app/audit_caller.ts";

const JOBS = "/api/v1/audit/reports";

/** Report handlers: each reads validated input, calls one use case, answers. */
export function reportHandlers(deps: ReportDeps) {
  const complianceReport: AppRouteHandler<typeof routes.complianceReport> = async (c) => {
    const { type, from, to, subject, format, async } = c.req.valid("query");
    const answer = await requestReport(deps, {
      caller: auditCaller(c),
      ask: { type, from, to, subject },
      format,
      delivery: delivery(c, async),
    });
    return answer.kind === "job" ? accepted(c, answer.job) : reportBody(c, answer.report);
  };

  const gdprReport: AppRouteHandler<typeof routes.gdprReport> = async (c) => {
    const { subject, from, to, format, async, max_seq } = c.req.valid("query");
    if (format === "ndjson") {
      const copy = await subjectCopy(deps, {
        caller: auditCaller(c),
        ask: { type: "gdpr", from, to, subject },
        maxSeq: max_seq,
      });
      return c.body(textStream(copy.body), 200, {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="gdpr-copy-${
          fileSafe(subject.trim())
        }.ndjson"`,
        "cache-control": "no-store",
        "x-audit-max-seq": String(copy.maxSeq),
      });
    }
    const answer = await requestReport(deps, {
      caller: auditCaller(c),
      ask: { type: "gdpr", from, to, subject },
      format,
      delivery: delivery(c, async),
    });
    return answer.kind === "job" ? accepted(c, answer.job) : reportBody(c, answer.report);
  };

  const reportJob: AppRouteHandler<typeof routes.reportJob> = async (c) => {
    const job = await getReportJob(deps, auditCaller(c), c.req.valid("param").id);
    return c.json(jobBody(job), 200);
  };

  const downloadReport: AppRouteHandler<typeof routes.downloadReport> = async (c) => {
    const { job, content } = await downloadReportJob(deps, auditCaller(c), c.req.valid("param").id);
    const result = job.result!;
    return c.body(content as Uint8Array<ArrayBuffer>, 200, {
      "content-type": REPORT_CONTENT_TYPES[job.format],
      ...integrityHeaders(job.id, result.filename, result.sha256, result.signature),
    });
  };

  return { complianceReport, gdprReport, reportJob, downloadReport };
}

/** `Prefer: respond-async` (RFC 7240) asks for a job unless `async=false` says otherwise. */
function delivery(c: Context<AppEnv>, async: "true" | "false" | undefined): Delivery {
  if (async === "true") return "async";
  if (async === "false") return "direct";
  return prefersAsync(c) ? "async" : "auto";
}

function prefersAsync(c: Context<AppEnv>): boolean {
  return /(^|[,;\s])respond-async($|[,;\s=])/i.test(c.req.header("prefer") ?? "");
}

function accepted(c: Context<AppEnv>, job: ReportJob) {
  const headers: Record<string, string> = {
    location: `${JOBS}/${job.id}`,
    "retry-after": "2",
  };
  if (prefersAsync(c)) headers["preference-applied"] = "respond-async";
  return c.json(jobBody(job), 202, headers);
}

function reportBody(c: Context<AppEnv>, report: GeneratedReport) {
  return c.body(report.content as Uint8Array<ArrayBuffer>, 200, {
    "content-type": report.contentType,
    ...integrityHeaders(
      report.document.report_id,
      report.filename,
      report.sha256,
      report.signature,
    ),
  });
}

function integrityHeaders(id: string, filename: string, sha256: string, signature: string) {
  const digest = btoa(
    String.fromCharCode(...(sha256.match(/../g) ?? []).map((h) => parseInt(h, 16))),
  );
  return {
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
    "x-report-id": id,
    "x-report-sha256": sha256,
    "repr-digest": `sha-256=:${digest}:`,
    "x-report-signature": signature,
  };
}

function jobBody(job: ReportJob) {
  return {
    id: job.id,
    status: job.status,
    type: job.parameters.type,
    format: job.format,
    parameters: { ...job.parameters },
    progress: { rows_done: job.rows_done, rows_estimate: job.rows_estimate },
    attempts: job.attempts,
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
    expires_at: job.expires_at,
    error: job.error && { ...job.error },
    result: job.result && {
      content_type: job.result.content_type,
      filename: job.result.filename,
      size: job.result.size,
      sha256: job.result.sha256,
      signature: job.result.signature,
      download: `${JOBS}/${job.id}/download`,
    },
  };
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64);
}
