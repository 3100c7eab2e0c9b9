/**
 * The snapshot repository of Elasticsearch or OpenSearch (the same `_snapshot`
 * API on both) behind the backup verification's port.
 * @module
 */
import {
  BackupSourceError,
  type RestoreOutcome,
  type SnapshotInfo,
  type SnapshotSource,
} from "../../../domain/backups/mod.ts";
import type { EngineAnswer, EngineHttp } from "../setup/engine_http.ts";

interface RawSnapshot {
  snapshot: string;
  state?: string;
  start_time_in_millis?: number;
  indices?: string[];
  shards?: { total?: number; failed?: number };
  failures?: { index?: string; shard_id?: number; reason?: string }[];
}

/** The repository `repository` of the engine behind `http`. */
export function engineSnapshotSource(http: EngineHttp, repository: string): SnapshotSource {
  const repo = encodeURIComponent(repository);
  return {
    repository,
    async list() {
      const answer = await http.request("GET", `/_snapshot/${repo}/_all`);
      const body = expectOk(answer, `listing snapshots of ${repository}`) as {
        snapshots?: RawSnapshot[];
      };
      return (body.snapshots ?? []).map(toSnapshotInfo);
    },
    async unreadable(name) {
      const answer = await http.request(
        "GET",
        `/_snapshot/${repo}/${encodeURIComponent(name)}/_status`,
      );
      if (answer.status === 200) return undefined;
      return `the repository cannot serve the metadata of ${name}: ${reasonOf(answer)}`;
    },
    async liveIndices() {
      const indices = expectOk(
        await http.request(
          "GET",
          "/_cat/indices?format=json&h=index,docs.count&expand_wildcards=all",
        ),
        "listing indices",
      ) as { index: string; "docs.count"?: string | null }[];
      const counts = new Map<string, number>();
      for (const row of indices) {
        if (row["docs.count"] != null) counts.set(row.index, Number(row["docs.count"]));
      }
      const streams = await http.request("GET", "/_data_stream");
      const writeIndices = new Set<string>();
      if (streams.status === 200) {
        const body = streams.body as { data_streams?: { indices?: { index_name: string }[] }[] };
        for (const stream of body.data_streams ?? []) {
          const last = stream.indices?.at(-1)?.index_name;
          if (last) writeIndices.add(last);
        }
      }
      return { counts, writeIndices };
    },
    async restore(snapshot, index, as) {
      const answer = await http.request(
        "POST",
        `/_snapshot/${repo}/${encodeURIComponent(snapshot)}/_restore?wait_for_completion=true`,
        {
          indices: index,
          rename_pattern: "(.+)",
          rename_replacement: as,
          include_global_state: false,
          include_aliases: false,
          index_settings: { "index.number_of_replicas": 0 },
        },
      );
      const body = expectOk(answer, `restoring ${index} from ${snapshot}`) as {
        snapshot?: { shards?: { total?: number; failed?: number } };
      };
      const shards = body.snapshot?.shards ?? {};
      const outcome: RestoreOutcome = {
        totalShards: shards.total ?? 0,
        failedShards: shards.failed ?? 0,
      };
      if (outcome.failedShards > 0) return outcome;
      await http.request("POST", `/${encodeURIComponent(as)}/_refresh`);
      const count = await http.request("GET", `/${encodeURIComponent(as)}/_count`);
      return count.status === 200
        ? { ...outcome, count: (count.body as { count: number }).count }
        : outcome;
    },
    async scratchIndices(prefix) {
      const answer = await http.request(
        "GET",
        `/_cat/indices/${encodeURIComponent(prefix)}*?format=json&h=index&expand_wildcards=all`,
      );
      if (answer.status === 404) return [];
      return (expectOk(answer, "listing scratch indices") as { index: string }[]).map((r) =>
        r.index
      );
    },
    async dropIndex(name) {
      const answer = await http.request("DELETE", `/${encodeURIComponent(name)}`);
      if (answer.status !== 404) expectOk(answer, `dropping ${name}`);
    },
  };
}

/** A snapshot as the API describes it, in the port's shape. */
export function toSnapshotInfo(raw: RawSnapshot): SnapshotInfo {
  return {
    name: raw.snapshot,
    state: raw.state ?? "UNKNOWN",
    startedAt: new Date(raw.start_time_in_millis ?? 0),
    indices: raw.indices ?? [],
    shards: { total: raw.shards?.total ?? 0, failed: raw.shards?.failed ?? 0 },
    failures: (raw.failures ?? []).map((f) =>
      `${f.index ?? "?"}[${f.shard_id ?? "?"}]: ${f.reason ?? "failed"}`
    ),
  };
}

function expectOk(answer: EngineAnswer, what: string): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  throw new BackupSourceError(`${what}: ${reasonOf(answer)}`);
}

/** The engine's own reason for a refusal, briefly. */
export function reasonOf(answer: EngineAnswer): string {
  const error = (answer.body as { error?: { type?: string; reason?: string } | string })?.error;
  if (typeof error === "string") return `${answer.status} ${error}`;
  if (error?.reason) return `${error.reason} (${error.type ?? answer.status})`;
  return `answered ${answer.status}`;
}
