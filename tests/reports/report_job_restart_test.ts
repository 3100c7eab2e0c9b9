/**
 * A report job survives its instance: the real service (main.ts) on a real
 * Postgres takes a large report as a job; stopped while the job runs, it
 * hands the job back; left as a crashed instance leaves it (running, no
 * heartbeat), the next instance takes it over and delivers the report.
 */
import assert from "node:assert/strict";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { loadCheckpointKeys } from "../../infra/audit/checkpoint_keys.ts";
import { verifyReportSignature } from "../../infra/reports/report_signature.ts";
import { startService } from "../../main.ts";
import { openPostgres } from "../support/databases.ts";
import { requireService } from "../support/services.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";
import { appendMany } from "../audit/audit_fixture.ts";

const pg = await requireService("postgres");
const ROWS = 60_000;

Deno.test({
  name: "a report job survives a restart of the service that was running it",
  ignore: !pg,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using db = await openPostgres(pg!, { migrate: true });
    await appendMany(db.sql, ROWS);
    const dataDir = await Deno.makeTempDir({ prefix: "report-restart-" });
    const config = parseConfig({
      DATABASE_URL: db.url!,
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: "0",
      ...TEST_JWT_SETTINGS,
      WORKER_POOL_SIZE: "1",
      REPORT_CHUNK_ROWS: "200",
      REPORT_JOB_POLL_SECONDS: "1",
      REPORT_JOB_STALE_SECONDS: "2",
      // Stop at once when asked: the job must still be running when the instance goes.
      SHUTDOWN_QUIET_MS: "0",
    });
    const logger = createLogger({ level: "fatal", serviceName: "test" });
    const headers = await authHeader("auditor", { sub: "auditor-1" });
    const range = { from: "2026-01-15T00:00:00Z", to: "2026-01-17T00:00:00Z" };
    const status = async (url: string) => await (await fetch(url, { headers })).json();
    try {
      const first = await startService(config, logger);
      let location: string;
      try {
        const asked = await fetch(
          `${first.url}/api/v1/audit/reports/compliance?${new URLSearchParams({
            type: "compliance",
            ...range,
            format: "pdf",
          })}`,
          { headers: { ...headers, prefer: "respond-async" } },
        );
        assert.equal(asked.status, 202);
        await asked.body?.cancel();
        location = asked.headers.get("location")!;
        let seenRunning = false;
        for (let i = 0; i < 500 && !seenRunning; i++) {
          const job = await status(`${first.url}${location}`);
          seenRunning = job.status === "running" && job.progress.rows_done > 0;
          if (!seenRunning) await new Promise((r) => setTimeout(r, 20));
        }
        assert.ok(seenRunning, "the job was under way when the service stopped");
      } finally {
        await first.stop();
      }
      const id = location.split("/").at(-1)!;
      const [handedBack] = await db.sql<{ status: string; rows_done: string }[]>`
        select status, rows_done from report_jobs where id = ${id}`;
      assert.equal(handedBack!.status, "queued", "a stopping instance hands its job back");

      // As a crashed instance would leave it: running, owned, silent for an hour.
      await db.sql`update report_jobs set status = 'running', owner = 'crashed',
                     heartbeat_at = now() - interval '1 hour' where id = ${id}`;

      const second = await startService(config, logger);
      try {
        let job = await status(`${second.url}${location}`);
        for (let i = 0; i < 600 && job.status !== "succeeded"; i++) {
          assert.notEqual(job.status, "failed", JSON.stringify(job.error));
          await new Promise((r) => setTimeout(r, 100));
          job = await status(`${second.url}${location}`);
        }
        assert.equal(job.status, "succeeded");
        assert.ok(job.attempts >= 2, `attempts: ${job.attempts}`);
        assert.equal(job.progress.rows_done, ROWS, "every row of the range was read");
        const file = await fetch(`${second.url}${job.result.download}`, { headers });
        assert.equal(file.status, 200);
        const bytes = new Uint8Array(await file.arrayBuffer());
        assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), "%PDF-");
        const keys = await loadCheckpointKeys({ dataDir, production: false });
        const check = await verifyReportSignature(bytes, job.result.signature, keys.publicJwks);
        assert.equal(check.valid, true);
      } finally {
        await second.stop();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
