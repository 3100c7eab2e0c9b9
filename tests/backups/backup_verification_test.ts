/**
 * Backup verification against the real OpenSearch node with a filesystem
 * snapshot repository (the node's `path.repo` is TEST_OPENSEARCH_SNAPSHOT_PATH):
 * a good snapshot passes, restored and counted; an old one fails as stale; a
 * data file deleted from the repository fails the restore; the shard metadata
 * file deleted fails the verification even without a restore, and the report
 * says why. Repository, index and scratch names are unique to the run.
 */
import assert from "node:assert/strict";
import { verifyDailyBackup } from "../../domain/backups/mod.ts";
import { createSearchClient } from "../../infra/search/mod.ts";
import { engineSnapshotSource } from "../../infra/search/snapshots/engine_snapshot_source.ts";
import { takeScheduledSnapshot } from "../../infra/search/snapshots/scheduled_snapshots.ts";
import { setupSnapshots } from "../../infra/search/snapshots/snapshot_policy.ts";
import { engineHttp } from "../../infra/search/setup/mod.ts";
import type { EngineHttp } from "../../infra/search/setup/engine_http.ts";
import { requireService } from "../support/services.ts";

const opensearch = await requireService("opensearch");
const elasticsearch = await requireService("elasticsearch");
const snapshotRoot = Deno.env.get("TEST_OPENSEARCH_SNAPSHOT_PATH");
if (opensearch && !snapshotRoot) {
  const message = "TEST_OPENSEARCH_SNAPSHOT_PATH is unset (source .services/env)";
  if (Deno.env.get("CI") === "true") throw new Error(message);
  console.error(`SKIPPED backup verification: ${message}`);
}

async function index(http: EngineHttp, name: string, docs: number): Promise<void> {
  await http.request("PUT", `/${name}`, {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
  });
  const lines = Array.from({ length: docs }, (_, i) => [{ index: {} }, { n: i, text: `doc ${i}` }])
    .flat().map((l) => JSON.stringify(l)).join("\n") + "\n";
  const response = await fetch(`${opensearch}/${name}/_bulk?refresh=true`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: lines,
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).errors, false);
}

/** The first-shard folders of every index in the repository, with their data and snap files. */
async function shardFolders(repoDir: string) {
  const folders = new Map<string, { data: string[]; snap: string[] }>();
  for await (const entry of Deno.readDir(`${repoDir}/indices`)) {
    const dir = `${repoDir}/indices/${entry.name}/0`;
    const files = { data: [] as string[], snap: [] as string[] };
    for await (const file of Deno.readDir(dir)) {
      if (file.name.startsWith("__")) files.data.push(`${dir}/${file.name}`);
      if (file.name.startsWith("snap-")) files.snap.push(`${dir}/${file.name}`);
    }
    folders.set(dir, files);
  }
  return folders;
}

Deno.test({
  name: "backup verification against a real filesystem snapshot repository",
  ignore: !opensearch || !snapshotRoot,
  sanitizeResources: false,
  async fn(t) {
    const search = createSearchClient("opensearch", { url: opensearch!, timeoutMs: 60_000 });
    const http = engineHttp(search);
    const name = `bv${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
    const repoDir = `${snapshotRoot}/${name}`;
    const scratchPrefix = `${name}-scratch-`;
    const source = engineSnapshotSource(http, name);
    const verify = (options: { restore: boolean; maxAgeMs?: number }) =>
      verifyDailyBackup({ snapshots: source, now: () => new Date() }, {
        maxAgeMs: options.maxAgeMs ?? 3_600_000,
        restore: options.restore,
        scratchPrefix,
        runId: crypto.randomUUID().slice(0, 6),
      });
    try {
      await t.step("an empty repository fails: no snapshot", async () => {
        const setup = await setupSnapshots(http, {
          repository: name,
          type: "fs",
          settings: { location: repoDir },
          schedule: "auto",
          times: { timeUtc: "01:30", everyHours: 24 },
          indices: [`${name}-*`],
          retentionDays: 30,
          minCount: 1,
          maxCount: 10,
        });
        assert.equal(setup.owner, "service", "the test node has no snapshot management plugin");
        const report = await verify({ restore: false });
        assert.equal(report.ok, false);
        assert.match(report.reason!, /^exists: the repository holds no finished snapshot/);
      });

      await t.step(
        "a good snapshot passes, and restore-and-count finds the same count",
        async () => {
          await index(http, `${name}-a`, 25);
          const run = await takeScheduledSnapshot(http, {
            repository: name,
            indices: [`${name}-a`],
            slot: new Date(),
            retention: { expireAfterMs: 86_400_000, minCount: 1, maxCount: 10 },
            now: new Date(),
          });
          assert.equal(run.outcome, "taken");
          let report = await verify({ restore: true });
          for (let i = 0; i < 50 && report.reason?.startsWith("exists"); i++) {
            await new Promise((r) => setTimeout(r, 200)); // the snapshot is still running
            report = await verify({ restore: true });
          }
          assert.equal(report.ok, true, JSON.stringify(report, null, 2));
          assert.deepEqual(report.checks.map((c) => c.check), [
            "exists",
            "recent",
            "completed",
            "readable",
            "restore",
          ]);
          assert.match(
            report.checks[4]!.detail,
            new RegExp(`restored ${name}-a: 25 documents, live 25 \\(equal\\)`),
          );
          const left = await http.request("GET", `/_cat/indices/${scratchPrefix}*?format=json`);
          assert.deepEqual(left.body, [], "the scratch copy was dropped");

          const again = await takeScheduledSnapshot(http, {
            repository: name,
            indices: [`${name}-a`],
            slot: new Date(Date.parse(report.snapshot!.started_at)),
            retention: { expireAfterMs: 86_400_000, minCount: 1, maxCount: 10 },
            now: new Date(),
          });
          assert.equal(
            again.outcome,
            "exists",
            "a second pod asking for the same slot takes nothing",
          );
        },
      );

      await t.step({
        name: "through the Elasticsearch client too",
        ignore: !elasticsearch,
        fn: async () => {
          const es = createSearchClient("elasticsearch", {
            url: elasticsearch!,
            timeoutMs: 60_000,
          });
          try {
            const report = await verifyDailyBackup(
              { snapshots: engineSnapshotSource(engineHttp(es), name), now: () => new Date() },
              { maxAgeMs: 3_600_000, restore: false, runId: "es" },
            );
            assert.equal(report.ok, true, report.reason);
          } finally {
            await es.client.close();
          }
        },
      });

      await t.step("a snapshot older than allowed fails as not recent", async () => {
        const report = await verify({ restore: false, maxAgeMs: 1 });
        assert.equal(report.ok, false);
        assert.match(report.reason!, /^recent: .* h old \(limit 0 h\)/);
      });

      await t.step("a data file deleted from the repository fails the restore", async () => {
        await index(http, `${name}-b`, 40);
        const before = new Set((await shardFolders(repoDir)).keys());
        const taken = await http.request(
          "PUT",
          `/_snapshot/${name}/${name}-manual-b?wait_for_completion=true`,
          { indices: `${name}-b`, include_global_state: false },
        );
        assert.equal(taken.status, 200);
        const [, folder] = [...await shardFolders(repoDir)].find(([dir]) => !before.has(dir))!;
        await Deno.remove(folder.data[0]!);

        const report = await verify({ restore: true });
        assert.equal(report.snapshot?.name, `${name}-manual-b`);
        assert.equal(report.ok, false);
        assert.match(
          report.reason!,
          new RegExp(`^restore: restoring ${name}-b: 1 of 1 shards failed \\(data files`),
        );
        const left = await http.request("GET", `/_cat/indices/${scratchPrefix}*?format=json`);
        assert.deepEqual(left.body, [], "the failed copy was dropped too");

        // The shard metadata file gone: caught without a restore.
        for (const file of folder.snap) await Deno.remove(file);
        const unreadable = await verify({ restore: false });
        assert.equal(unreadable.ok, false);
        assert.match(
          unreadable.reason!,
          new RegExp(
            `^readable: the repository cannot serve the metadata of ${name}-manual-b: .*missing`,
          ),
        );
      });
    } finally {
      await http.request("DELETE", `/${name}-a,${name}-b`);
      const snaps = await http.request("GET", `/_snapshot/${name}/_all`);
      for (const s of (snaps.body as { snapshots?: { snapshot: string }[] }).snapshots ?? []) {
        await http.request("DELETE", `/_snapshot/${name}/${s.snapshot}`);
      }
      await http.request("DELETE", `/_snapshot/${name}`);
      await Deno.remove(repoDir, { recursive: true }).catch(() => {});
      await search.client.close();
    }
  },
});

Deno.test({
  name: "a missing repository fails verification with the engine's reason",
  ignore: !opensearch,
  sanitizeResources: false,
  async fn() {
    const search = createSearchClient("opensearch", { url: opensearch!, timeoutMs: 10_000 });
    try {
      const report = await verifyDailyBackup(
        {
          snapshots: engineSnapshotSource(engineHttp(search), `missing-${crypto.randomUUID()}`),
          now: () => new Date(),
        },
        { maxAgeMs: 3_600_000, restore: false, runId: "x" },
      );
      assert.equal(report.ok, false);
      assert.match(report.reason!, /^exists: the repository cannot be read: .*missing/);
    } finally {
      await search.client.close();
    }
  },
});
