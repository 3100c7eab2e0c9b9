/**
 * Asking for a report, and report jobs. Small reports are answered at once;
 * above the configured row estimate, or when the client prefers it
 * (`Prefer: respond-async`), the report becomes a job stored in the
 * database, run in the worker pool by whichever instance claims it, resumed
 * from the start after a restart, and kept until it expires.
 * @module
 */
import type { AuditCaller } from "../audit/mod.ts";
import { recordCallerEvent } from "../audit/mod.ts";
import { can, createPrincipal } from "../access/mod.ts";
import { AppError, isAppError } from "../errors/mod.ts";
import { type GeneratedReport, generateReport, rowScope } from "./generate_report.ts";
import type { ReportJob } from "./ports.ts";
import type { ReportDeps } from "./report_deps.ts";
import { allowedReportParameters, type ReportAsk } from "./report_request.ts";
import type { ReportFormat } from "./report_types.ts";

/** How the client wants the answer. */
export type Delivery = "auto" | "direct" | "async";

export interface ReportOrder {
  readonly caller: AuditCaller;
  readonly ask: ReportAsk;
  readonly format: ReportFormat;
  readonly delivery: Delivery;
}

export type ReportAnswer =
  | { readonly kind: "direct"; readonly report: GeneratedReport }
  | { readonly kind: "job"; readonly job: ReportJob };

/** The plan's report entry point: checks, then answers directly or queues a job. */
export async function requestReport(deps: ReportDeps, order: ReportOrder): Promise<ReportAnswer> {
  const parameters = allowedReportParameters(deps, order.caller.principal, order.ask);
  const head = await deps.audit.store.head();
  const max = deps.limits.directMaxRows;
  const estimate = await deps.rows.countUpTo(rowScope(deps, parameters), head.seq, max);
  const tooLarge = estimate > max;
  if (order.delivery === "direct" && tooLarge) {
    throw new AppError("REPORT_TOO_LARGE", {
      detail: `more than ${max} audit rows in range; ask with Prefer: respond-async`,
      extensions: { rows_estimate_at_least: estimate },
    });
  }
  const reportId = deps.audit.newId();
  if (order.delivery === "async" || (order.delivery === "auto" && tooLarge)) {
    const now = deps.audit.now();
    const job = await deps.jobs.create({
      id: reportId,
      format: order.format,
      parameters,
      requester: {
        id: order.caller.principal.id,
        roles: order.caller.principal.roles,
        request_id: order.caller.requestId,
        user_agent: order.caller.userAgent ?? null,
      },
      rows_estimate: estimate,
      expires_at: new Date(now.getTime() + deps.limits.jobTtlMs),
    });
    deps.wakeJobs?.();
    return { kind: "job", job };
  }
  const report = await generateReport(deps, {
    caller: order.caller,
    parameters,
    format: order.format,
    reportId,
  });
  return { kind: "direct", report };
}

/** A job as its requester (or an admin) sees it. */
export async function getReportJob(
  deps: ReportDeps,
  caller: AuditCaller,
  id: string,
): Promise<ReportJob> {
  const job = await deps.jobs.get(id);
  const mine = job && (job.requester.id === caller.principal.id ||
    can(caller.principal, "audit:checkpoint"));
  if (!job || !mine) throw new AppError("REPORT_JOB_NOT_FOUND");
  if (job.status === "expired" || Date.parse(job.expires_at) <= deps.audit.now().getTime()) {
    throw new AppError("REPORT_JOB_EXPIRED", {
      detail: `the job's result expired at ${job.expires_at}`,
    });
  }
  return job;
}

/** A finished job's file, recorded as `report.download` before it is served. */
export async function downloadReportJob(
  deps: ReportDeps,
  caller: AuditCaller,
  id: string,
): Promise<{ readonly job: ReportJob; readonly content: Uint8Array }> {
  const job = await getReportJob(deps, caller, id);
  if (job.status !== "succeeded" || !job.result) {
    throw new AppError("REPORT_JOB_NOT_READY", {
      detail: job.status === "failed"
        ? `the job failed (${job.error?.code ?? "unknown"}); request the report again`
        : `the job is ${job.status}`,
    });
  }
  const content = await deps.jobs.content(id);
  if (!content) throw new AppError("REPORT_JOB_EXPIRED");
  await recordCallerEvent(deps.audit, {
    caller,
    action: "report.download",
    action_type: "export",
    resource: { type: "report", id },
    outcome: "success",
    metadata: {
      report_type: job.parameters.type,
      format: job.format,
      content_sha256: job.result.sha256,
    },
  });
  return { job, content };
}

/**
 * Claims one job (queued, or abandoned by an instance that stopped beating)
 * and runs it to the end. Returns false when there was none.
 */
export async function runNextReportJob(
  deps: ReportDeps,
  runner: { readonly owner: string; readonly staleMs: number; readonly signal?: AbortSignal },
): Promise<boolean> {
  const now = deps.audit.now();
  const job = await deps.jobs.claim(runner.owner, new Date(now.getTime() - runner.staleMs));
  if (!job) return false;
  const beat = (rows: number) =>
    deps.jobs.heartbeat(job.id, runner.owner, rows).then((mine) => {
      if (!mine) throw new AppError("REPORT_JOB_NOT_FOUND", { detail: "the job was taken over" });
    });
  let rowsDone = 0;
  const timer = setInterval(
    () => beat(rowsDone).catch(() => {}),
    Math.max(250, runner.staleMs / 3),
  );
  try {
    const report = await generateReport(deps, {
      caller: {
        principal: createPrincipal(job.requester.id, { roles: job.requester.roles }),
        requestId: job.requester.request_id,
        userAgent: job.requester.user_agent ?? undefined,
      },
      parameters: job.parameters,
      format: job.format,
      reportId: job.id,
      jobId: job.id,
      // One small update per chunk (thousands of rows): progress and liveness.
      onProgress: async (rows) => {
        rowsDone = rows;
        runner.signal?.throwIfAborted();
        await beat(rows);
      },
    });
    await deps.jobs.complete(job.id, runner.owner, {
      content: report.content,
      expiresAt: new Date(deps.audit.now().getTime() + deps.limits.jobTtlMs),
      result: {
        content_type: report.contentType,
        filename: report.filename,
        size: report.content.byteLength,
        sha256: report.sha256,
        signature: report.signature,
        summary: {
          report_id: report.document.report_id,
          generated_at: report.document.generated_at,
          rows_scanned: report.document.rows_scanned,
          chain_head: { ...report.document.chain_head },
        },
      },
    });
  } catch (error) {
    if (runner.signal?.aborted) {
      await deps.jobs.release(job.id, runner.owner).catch(() => {});
    } else {
      await deps.jobs.fail(job.id, runner.owner, {
        code: isAppError(error) ? error.code : "REPORT_GENERATION_FAILED",
        detail: isAppError(error) && error.detail
          ? error.detail
          : "the report could not be generated",
      }).catch(() => {});
      deps.audit.reportError?.("report job failed", error);
    }
  } finally {
    clearInterval(timer);
  }
  return true;
}
