/**
 * The daily backup verification in the running service: it waits for the
 * next scheduled time (not every start-up), one pod of several verifies (a
 * Postgres advisory lock), the metrics are set, and a failure reaches the
 * alert hook. Real Postgres and the real OpenSearch node; the clock is the
 * test's.
 */
import assert from "node:assert/strict";
import { backupJobs } from "../../composition/backups.ts";
import type { BackupVerification } from "../../domain/backups/mod.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { registerBackupMetrics } from "../../infra/metrics/backup_metrics.ts";
import { createSearchClient } from "../../infra/search/mod.ts";
import { engineHttp } from "../../infra/search/setup/mod.ts";
import { openPostgres } from "../support/databases.ts";
import { requireService } from "../support/services.ts";

const opensearch = await requireService("opensearch");
const postgresUrl = await requireService("postgres");
const snapshotRoot = Deno.env.get("TEST_OPENSEARCH_SNAPSHOT_PATH");

Deno.test({
  name: "scheduled verification: at the set time, in one pod of two, failure alerted and measured",
  ignore: !opensearch || !postgresUrl || !snapshotRoot,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const name = `bj${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
    const search = createSearchClient("opensearch", { url: opensearch!, timeoutMs: 30_000 });
    const http = engineHttp(search);
    await using db = await openPostgres(postgresUrl!);
    const config = parseConfig({
      ELASTICSEARCH_URL: opensearch,
      SEARCH_ENGINE: "opensearch",
      SNAPSHOT_REPOSITORY: name,
      SNAPSHOT_SCHEDULE: "off",
      BACKUP_VERIFY_TIME_UTC: "04:00",
    });
    let clock = new Date("2026-12-04T03:59:50Z");
    const alerts: BackupVerification[] = [];
    const pods = [1, 2].map(() => {
      const metrics = createMetrics({ collectDefault: false });
      const jobs = backupJobs(config, {
        http,
        logger: createLogger({ level: "fatal", serviceName: "test", write: () => {} }),
        metrics: registerBackupMetrics(metrics.registry),
        sql: db.sql,
        onVerificationFailed: (report) => {
          alerts.push(report);
          return Promise.resolve();
        },
        now: () => clock,
        lockHoldMs: 500,
      });
      return { metrics, verify: jobs.find((j) => j.name === "backup verification")! };
    });
    try {
      await http.request("PUT", `/_snapshot/${name}`, {
        type: "fs",
        settings: { location: `${snapshotRoot}/${name}` },
      });
      await Promise.all(pods.map((p) => p.verify.run()));
      assert.equal(alerts.length, 0, "nothing runs before the scheduled time");

      clock = new Date("2026-12-04T04:00:05Z");
      await Promise.all(pods.map((p) => p.verify.run()));
      assert.equal(alerts.length, 1, "one pod verified (the empty repository fails) and alerted");
      assert.match(alerts[0]!.reason!, /no finished snapshot/);
      const exposed = await Promise.all(pods.map((p) => p.metrics.registry.metrics()));
      const verifiedBy = exposed.filter((text) =>
        text.includes(`backup_verification_success{repository="${name}"} 0`)
      );
      assert.equal(verifiedBy.length, 1, "the metric is set where the verification ran");

      await Promise.all(pods.map((p) => p.verify.run()));
      assert.equal(alerts.length, 1, "once per scheduled time");
    } finally {
      await http.request("DELETE", `/_snapshot/${name}`);
      await Deno.remove(`${snapshotRoot}/${name}`, { recursive: true }).catch(() => {});
      await search.client.close();
    }
  },
});
