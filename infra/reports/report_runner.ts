/**
 * Where report work runs: each chunk of rows and the final drawing as tasks
 * of the shared worker pool, or on the calling thread for tools and tests
 * (same task bodies, so the same results).
 * @module
 */
import type { ReportDigest, ReportRunner } from "../../domain/reports/mod.ts";
import type { WorkerPool } from "../../workers/pool.ts";
import { accumulateReportRows, renderReport } from "../../workers/report_task.ts";
import { nativeSha256Hex, nativeSha256Stream } from "../crypto/native_sha256.ts";

/** Runs report tasks in the pool. */
export function poolReportRunner(pool: Pick<WorkerPool, "run">): ReportRunner {
  return {
    accumulate: (input) => pool.run({ kind: "report_accumulate", input }),
    render: async (document, format) => {
      const output = await pool.run({ kind: "report_render", input: { document, format } });
      return new Uint8Array(output.content);
    },
  };
}

/** Runs report tasks on the calling thread. */
export const inlineReportRunner: ReportRunner = {
  accumulate: (input) => Promise.resolve(accumulateReportRows(input)),
  render: async (document, format) =>
    new Uint8Array((await renderReport({ document, format })).content),
};

/** SHA-256 through the runtime's native implementation. */
export const nativeReportDigest: ReportDigest = {
  sha256Hex: nativeSha256Hex,
  incremental: nativeSha256Stream,
};
