/**
 * Where the service's own critical failures come from, wired to alerting:
 * the audit store refusing appends, a chain verification finding breaks,
 * a retention job failing, the worker queue saturated. (Circuit breakers
 * report through `AlertingRuntime.breakers`.)
 * @module
 */
import type { AuditDeps } from "../domain/audit/mod.ts";
import { isAppError } from "../domain/errors/mod.ts";
import type { CircuitBreakers } from "../domain/resilience/mod.ts";
import type { WorkerPool } from "../workers/pool.ts";
import type { AlertingRuntime } from "./alerting.ts";
import type { MaintenanceJob } from "./maintenance.ts";

type Critical = Pick<AlertingRuntime, "critical" | "cleared">;

/** The audit dependencies with the store and verifier reporting their failures. */
export function watchAudit(audit: AuditDeps, alerts: Critical): AuditDeps {
  const store = audit.store;
  let down = false;
  return {
    ...audit,
    store: {
      ...store,
      append: async (drafts) => {
        try {
          const outcomes = await store.append(drafts);
          if (down) {
            down = false;
            alerts.cleared("audit_store_unavailable", "audit_log");
          }
          return outcomes;
        } catch (error) {
          if (isAppError(error) && error.code === "AUDIT_STORE_UNAVAILABLE") {
            down = true;
            alerts.critical({
              kind: "audit_store_unavailable",
              subject: "audit_log",
              message: "audit events cannot be appended; requests that must be audited fail",
            });
          }
          throw error;
        }
      },
      page: (...args) => store.page(...args),
      exportChunk: (...args) => store.exportChunk(...args),
      countByActionType: (...args) => store.countByActionType(...args),
      head: () => store.head(),
    },
    verifier: {
      verify: async () => {
        const report = await audit.verifier.verify();
        if (!report.ok) {
          alerts.critical({
            kind: "audit_verification_failed",
            subject: "audit_log",
            message: `the audit chain verification found ${report.break_count} break(s)`,
            details: { head_seq: report.head.seq, breaks: report.break_count },
          });
        }
        return report;
      },
    },
  };
}

/** Retention jobs raise `retention_failed` when they fail, and clear it when they pass. */
export function watchRetention(
  jobs: readonly MaintenanceJob[],
  alerts: Critical,
): MaintenanceJob[] {
  return jobs.map((job) => {
    if (!/retention/.test(job.name)) return job;
    let failed = false;
    return {
      ...job,
      run: async () => {
        try {
          const result = await job.run();
          if (failed) alerts.cleared("retention_failed", job.name);
          failed = false;
          return result;
        } catch (error) {
          failed = true;
          alerts.critical({
            kind: "retention_failed",
            subject: job.name,
            message: error instanceof Error ? error.message : String(error),
          });
          throw error;
        }
      },
    };
  });
}

/** Raises `worker_queue_saturated` while tasks are refused for a full queue. */
export function workerQueueJob(
  pool: Pick<WorkerPool, "stats">,
  maxQueue: number,
  alerts: Critical,
): MaintenanceJob {
  let rejected = pool.stats().rejected;
  let saturated = false;
  return {
    name: "worker queue saturation",
    everyMs: 5_000,
    run: () => {
      const stats = pool.stats();
      const refused = stats.rejected - rejected;
      rejected = stats.rejected;
      if (refused > 0 || stats.queued >= maxQueue) {
        saturated = true;
        alerts.critical({
          kind: "worker_queue_saturated",
          subject: "worker_pool",
          message: `${refused} task(s) refused in the last 5 s; ${stats.queued}/${maxQueue} queued`,
          details: { queued: stats.queued, max_queue: maxQueue, refused },
        });
      } else if (saturated && stats.queued < maxQueue / 2) {
        saturated = false;
        alerts.cleared("worker_queue_saturated", "worker_pool");
      }
      return Promise.resolve();
    },
  };
}

/**
 * Reports every breaker's state now and each change as it happens to
 * alerting (a breaker open longer than `ALERT_BREAKER_OPEN_SECONDS` raises
 * `breaker_open`; closing resolves it); returns the unsubscribe.
 */
export function watchBreakers(
  breakers: CircuitBreakers,
  alerts: Pick<AlertingRuntime, "breakers">,
): () => void {
  for (const breaker of breakers.list()) {
    alerts.breakers.stateChanged(breaker.dependency, breaker.state(), new Date(breaker.since()));
  }
  return breakers.subscribe((change) =>
    alerts.breakers.stateChanged(change.dependency, change.to, new Date(change.at))
  );
}
