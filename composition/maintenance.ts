/**
 * Background upkeep of the audit trail (month partitions created ahead,
 * retention applied, checkpoints signed on schedule) and of the Postgres log
 * store (retention). Timers do not keep the process alive, and every failure
 * is logged, never thrown.
 * @module
 */
import type { Logger } from "../infra/logging/mod.ts";

/** One periodic job. */
export interface MaintenanceJob {
  readonly name: string;
  readonly everyMs: number;
  readonly run: () => Promise<unknown>;
}

/** Runs each job now and then every `everyMs`, never two runs of one job at once. */
export function startMaintenance(jobs: readonly MaintenanceJob[], logger: Logger) {
  const timers: ReturnType<typeof setInterval>[] = [];
  const running = new Set<Promise<unknown>>();
  for (const job of jobs) {
    if (job.everyMs <= 0) continue;
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const run = job.run()
        .catch((error) => logger.error(`maintenance failed: ${job.name}`, { error }))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    const timer = setInterval(tick, job.everyMs);
    Deno.unrefTimer(timer);
    timers.push(timer);
  }
  return {
    /** Stops the timers and waits for runs in progress. */
    async stop(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
