/**
 * Prepares the search engine for the log store (idempotent; run it again
 * after upgrades):
 *
 *   logging-audit setup-es        (or `deno task setup-es`)
 *
 * Detects Elasticsearch or OpenSearch and what it supports, then installs
 * lifecycle policies (ILM, or ISM where the index-management plugin is
 * present), the component and index templates of the application, error,
 * security and audit-mirror data streams, and the data streams of
 * LOG_NAMESPACE; then, with SNAPSHOT_REPOSITORY set, registers and verifies
 * the snapshot repository and installs its schedule (SLM on Elasticsearch,
 * snapshot management on OpenSearch, or the service's own schedule where the
 * engine has neither). Whatever the cluster lacks is reported as skipped.
 *
 * Uses ELASTICSEARCH_URL (+ credentials) and SEARCH_ENGINE for the client.
 */
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { setupSearchEngine } from "../infra/search/setup/mod.ts";
import { UsageError } from "./command_line.ts";
import { snapshotSettings } from "../composition/backups.ts";
import { setupSnapshots } from "../infra/search/snapshots/snapshot_policy.ts";
import { openTaskSearchEngine } from "./_task_search_engine.ts";

/** Runs `setup-es`. */
export async function run(args: readonly string[]): Promise<number> {
  if (args.length > 0) throw new UsageError(`setup-es takes no arguments (got ${args.join(" ")})`);
  const config = loadConfigOrExit();
  // Template and policy installs are slower than the service's requests.
  const search = openTaskSearchEngine(config, 30_000);
  if (!search) {
    console.log(
      "ELASTICSEARCH_URL is not set: logs are kept in Postgres (embedded mode); nothing to set up.",
    );
    return 0;
  }

  const started = performance.now();
  console.log(`setup-es: ${search.host} with the ${search.engine} client`);
  try {
    const http = search.http;
    const report = await setupSearchEngine(http, {
      namespace: config.LOG_NAMESPACE,
      onProgress: (line) => console.log(line),
    });
    const applied = [...report.applied];
    const skipped = [...report.skipped];
    const snapshots = snapshotSettings(config);
    if (snapshots) {
      console.log(`snapshots (repository ${snapshots.repository})`);
      const done = await setupSnapshots(http, snapshots, (line) => console.log(line));
      applied.push(...done.applied);
      skipped.push(...done.skipped);
    } else {
      skipped.push("snapshots (SNAPSHOT_REPOSITORY is unset)");
      console.log("snapshots\n  – skipped: SNAPSHOT_REPOSITORY is unset, no backups are managed");
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `done in ${seconds}s: ${applied.length} applied` +
        (skipped.length ? `, skipped: ${skipped.join("; ")}` : ""),
    );
    return 0;
  } catch (error) {
    console.error(`setup-es failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await search.close();
  }
}
