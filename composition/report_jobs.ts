/**
 * The report job runner of one instance: claims queued jobs (and jobs whose
 * instance stopped) one at a time, runs them in the worker pool, and on
 * shutdown puts an unfinished job back in the queue for another instance.
 * @module
 */
import { type ReportDeps, runNextReportJob } from "../domain/reports/mod.ts";
import type { Logger } from "../infra/logging/mod.ts";

export interface ReportJobRunner {
  /** Look for work now (a job was just queued). */
  wake(): void;
  /** Stop claiming, hand back the running job, and wait for the loop to end. */
  stop(): Promise<void>;
}

export function startReportJobRunner(
  deps: ReportDeps,
  options: {
    readonly owner: string;
    readonly pollMs: number;
    readonly staleMs: number;
    readonly logger: Logger;
  },
): ReportJobRunner {
  const abort = new AbortController();
  let wakeUp: (() => void) | undefined;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.pollMs);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = (async () => {
    while (!abort.signal.aborted) {
      let ran = false;
      try {
        ran = await runNextReportJob(deps, {
          owner: options.owner,
          staleMs: options.staleMs,
          signal: abort.signal,
        });
      } catch (error) {
        options.logger.error("report job runner failed", { error });
      }
      if (!ran && !abort.signal.aborted) await sleep();
    }
  })();

  return {
    wake: () => wakeUp?.(),
    async stop() {
      abort.abort();
      wakeUp?.();
      await loop;
    },
  };
}
