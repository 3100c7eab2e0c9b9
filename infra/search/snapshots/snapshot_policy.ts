/**
 * Snapshot repository and schedule on the search engine, for `setup-es`:
 * registers (and verifies) the repository, then installs the schedule where
 * the engine has one — an SLM policy on Elasticsearch, a snapshot-management
 * policy on OpenSearch with the index-management plugin — or leaves it to the
 * service's own schedule (`SNAPSHOT_SCHEDULE=service`, or `auto` when the
 * engine has neither).
 * @module
 */
import { slmCron, type SnapshotTimes, standardCron } from "../../../domain/backups/mod.ts";
import type { EngineAnswer, EngineHttp } from "../setup/engine_http.ts";
import { reasonOf } from "./engine_snapshot_source.ts";

/** Settings of the repository and its schedule (from `SNAPSHOT_*`). */
export interface SnapshotSettings {
  readonly repository: string;
  readonly type?: string;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly schedule: "auto" | "engine" | "service" | "off";
  readonly times: SnapshotTimes;
  readonly indices: readonly string[];
  readonly retentionDays: number;
  readonly minCount: number;
  readonly maxCount: number;
}

/** Who takes the snapshots, as decided for this engine. */
export type ScheduleOwner = "slm" | "sm" | "service" | "off";

/** The policy name: the same as the repository, so one cluster can serve several installs. */
export function policyName(settings: SnapshotSettings): string {
  return settings.repository;
}

/** Decides who takes snapshots on the engine behind `http`. */
export async function scheduleOwner(
  http: EngineHttp,
  settings: Pick<SnapshotSettings, "schedule">,
): Promise<ScheduleOwner> {
  if (settings.schedule === "off") return "off";
  if (settings.schedule === "service") return "service";
  const root = await http.request("GET", "/");
  const distribution = (root.body as { version?: { distribution?: string } })?.version
    ?.distribution;
  const engine = distribution === "opensearch"
    ? ((await http.request("GET", "/_plugins/_sm/policies")).status === 200 ? "sm" : undefined)
    : ((await http.request("GET", "/_slm/status")).status === 200 ? "slm" : undefined);
  if (engine) return engine;
  if (settings.schedule === "engine") {
    throw new Error(
      `SNAPSHOT_SCHEDULE=engine, but this ${
        distribution === "opensearch"
          ? "OpenSearch has no snapshot management (index-management plugin)"
          : "Elasticsearch has no SLM"
      }: use auto or service`,
    );
  }
  return "service";
}

/**
 * Registers the repository (when a type is configured) and installs the
 * schedule; returns what was done, one line each, and who takes snapshots.
 */
export async function setupSnapshots(
  http: EngineHttp,
  settings: SnapshotSettings,
  say: (line: string) => void = () => {},
): Promise<{ owner: ScheduleOwner; applied: string[]; skipped: string[] }> {
  const applied: string[] = [];
  const skipped: string[] = [];
  const repo = encodeURIComponent(settings.repository);
  if (settings.type) {
    const answer = await http.request("PUT", `/_snapshot/${repo}`, {
      type: settings.type,
      settings: settings.settings ?? {},
    });
    ensure(answer, `snapshot repository ${settings.repository}`);
    applied.push(`snapshot repository ${settings.repository} (${settings.type})`);
    say(`  ✓ snapshot repository ${settings.repository} (${settings.type}) registered`);
  } else {
    const existing = await http.request("GET", `/_snapshot/${repo}`);
    ensure(
      existing,
      `snapshot repository ${settings.repository} (SNAPSHOT_REPOSITORY_TYPE is unset, so it ` +
        "must exist already)",
    );
    say(`  ✓ snapshot repository ${settings.repository} exists (registered elsewhere)`);
  }
  const verified = await http.request("POST", `/_snapshot/${repo}/_verify`);
  ensure(verified, `verifying snapshot repository ${settings.repository}`);
  const nodes = Object.keys((verified.body as { nodes?: object })?.nodes ?? {}).length;
  say(`  ✓ every node can write to it (${nodes} node${nodes === 1 ? "" : "s"} verified)`);

  const owner = await scheduleOwner(http, settings);
  const name = policyName(settings);
  if (owner === "slm") {
    ensure(await http.request("PUT", `/_slm/policy/${name}`, slmPolicy(settings)), `SLM ${name}`);
    applied.push(`SLM policy ${name}`);
    say(`  ✓ SLM policy ${name}: ${slmCron(settings.times)} UTC, kept ${retention(settings)}`);
  } else if (owner === "sm") {
    ensure(await putSmPolicy(http, name, settings), `snapshot management policy ${name}`);
    applied.push(`snapshot management policy ${name}`);
    say(`  ✓ snapshot management policy ${name}: ${standardCron(settings.times)} UTC`);
  } else if (owner === "service") {
    skipped.push("engine snapshot schedule (the service takes the snapshots)");
    say(
      `  – the engine has no snapshot scheduler in use: the service takes snapshots at ` +
        `${settings.times.timeUtc} UTC every ${settings.times.everyHours} h and keeps ` +
        `${retention(settings)}`,
    );
  } else {
    skipped.push("snapshot schedule (SNAPSHOT_SCHEDULE=off)");
    say("  – SNAPSHOT_SCHEDULE=off: no snapshots are scheduled");
  }
  return { owner, applied, skipped };
}

function retention(settings: SnapshotSettings): string {
  return `${settings.retentionDays} days (at least ${settings.minCount}, at most ${settings.maxCount})`;
}

/** The Elasticsearch SLM policy. */
export function slmPolicy(settings: SnapshotSettings) {
  return {
    schedule: slmCron(settings.times),
    name: `<${settings.repository}-{now{yyyy.MM.dd-HHmm}}>`,
    repository: settings.repository,
    config: {
      indices: [...settings.indices],
      include_global_state: false,
      ignore_unavailable: true,
    },
    retention: {
      expire_after: `${settings.retentionDays}d`,
      min_count: settings.minCount,
      max_count: settings.maxCount,
    },
  };
}

/** The OpenSearch snapshot-management policy. */
export function smPolicy(settings: SnapshotSettings) {
  const cron = { expression: standardCron(settings.times), timezone: "UTC" };
  return {
    description: "Logging & Audit Service log snapshots",
    creation: { schedule: { cron } },
    deletion: {
      schedule: { cron: { expression: "0 * * * *", timezone: "UTC" } },
      condition: {
        max_age: `${settings.retentionDays}d`,
        min_count: settings.minCount,
        max_count: settings.maxCount,
      },
    },
    snapshot_config: {
      date_format: "yyyy.MM.dd-HHmm",
      timezone: "UTC",
      indices: settings.indices.join(","),
      repository: settings.repository,
      ignore_unavailable: true,
      include_global_state: false,
    },
  };
}

/** Snapshot-management policies are updated with their sequence number. */
async function putSmPolicy(
  http: EngineHttp,
  name: string,
  settings: SnapshotSettings,
): Promise<EngineAnswer> {
  const path = `/_plugins/_sm/policies/${name}`;
  const current = await http.request("GET", path);
  if (current.status === 404) return http.request("POST", path, smPolicy(settings));
  const { _seq_no, _primary_term } = current.body as { _seq_no: number; _primary_term: number };
  return http.request(
    "PUT",
    `${path}?if_seq_no=${_seq_no}&if_primary_term=${_primary_term}`,
    smPolicy(settings),
  );
}

function ensure(answer: EngineAnswer, what: string): void {
  if (answer.status >= 300) throw new Error(`${what}: ${reasonOf(answer)}`);
}
