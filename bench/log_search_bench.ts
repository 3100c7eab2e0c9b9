/**
 * Log search and ingestion: through the API versus straight to the engine,
 * in one run, on the same data.
 *
 *   deno run -A bench/log_search_bench.ts [--events 20000] [--iterations 200]
 *     [--ingest 20000] [--batch 1000] [--targets opensearch,elasticsearch,postgres,pglite]
 *
 * Search: the same query (free text + time range, first page of 50, exact
 * totals up to 10 000; uncached: the bench app is built without the cache) over HTTP to
 * the service versus the engine client with the same DSL; p50/p95 ratio.
 * Ingestion: NDJSON batches to `POST /api/v1/logs` (validate, mask as
 * production does — inline or in the worker pool —, bulk helper) versus the
 * engine's `_bulk` with the same documents, batch by batch in alternation;
 * events/s ratio.
 * For Postgres the direct path is the store adapter itself (no HTTP, auth,
 * validation or masking). Targets that are not running are skipped.
 * Targets: search overhead ≤ 1.2×, ingestion ≥ 0.7× of direct.
 */
import { parseArgs } from "node:util";
import { createPrincipal } from "../domain/access/mod.ts";
import { DEFAULT_SEARCH_LIMITS, prepareSearch } from "../domain/logs/mod.ts";
import { demoLogEvents } from "../tasks/demo_log_events.ts";
import { configuredUrl, serviceUrl } from "../tests/support/services.ts";
import { serveBenchApp } from "./_log_bench_app.ts";
import { measureIngest, parseEvents, timeMs } from "./_log_bench_ingest.ts";
import { type BenchTarget, engineTarget, postgresTarget } from "./log_bench_targets.ts";

/** Options of {@linkcode runLogSearchBench}. */
export interface LogSearchBenchOptions {
  readonly events: number;
  readonly iterations: number;
  readonly ingestEvents: number;
  readonly batch: number;
  readonly targets: readonly string[];
  readonly onProgress?: (line: string) => void;
}

/** One target's figures. */
export interface LogSearchBenchRow {
  readonly target: string;
  readonly searchApi: { p50: number; p95: number };
  readonly searchDirect: { p50: number; p95: number };
  readonly ingestApi: number;
  readonly ingestDirect: number;
}

const QUERY = { q: "timeout OR declined OR denied", page_size: 50 };

/** Runs the benchmark on every reachable target and returns its figures. */
export async function runLogSearchBench(
  options: LogSearchBenchOptions,
): Promise<LogSearchBenchRow[]> {
  const say = options.onProgress ?? (() => {});
  const rows: LogSearchBenchRow[] = [];
  for (const name of options.targets) {
    const target = await openTarget(name, say);
    if (!target) continue;
    try {
      rows.push(await benchTarget(target, options, say));
    } finally {
      await target.close();
    }
  }
  return rows;
}

/** The services of `deno task services` (`TEST_*` URLs); engines not answering are skipped. */
async function openTarget(
  name: string,
  say: (line: string) => void,
): Promise<BenchTarget | undefined> {
  const skipped = () => {
    say(`skipped ${name}: not reachable (deno task services)`);
    return undefined;
  };
  switch (name) {
    case "opensearch": {
      const url = await serviceUrl("opensearch");
      return url ? await engineTarget("opensearch", url, "OpenSearch adapter") : skipped();
    }
    case "elasticsearch": {
      const url = await serviceUrl("elasticsearch");
      return url
        ? await engineTarget("elasticsearch", url, "Elasticsearch adapter (via proxy)")
        : skipped();
    }
    case "postgres":
      return await postgresTarget("postgres", configuredUrl("postgres")).catch((error) => {
        say(`skipped postgres: ${error.message}`);
        return undefined;
      });
    case "pglite":
      return await postgresTarget("pglite");
    default:
      throw new Error(`unknown target ${name}`);
  }
}

async function benchTarget(
  target: BenchTarget,
  options: LogSearchBenchOptions,
  say: (line: string) => void,
): Promise<LogSearchBenchRow> {
  say(`${target.name}: seeding ${options.events} events`);
  const now = new Date();
  const seeded = parseEvents(
    demoLogEvents({ count: options.events, now, hours: 23, seed: 7, idPrefix: "seed" }),
    now,
  );
  for (let i = 0; i < seeded.length; i += 5000) {
    await target.store.ingest(seeded.slice(i, i + 5000));
  }
  await target.store.refresh();

  const service = await serveBenchApp(target);
  try {
    say(`${target.name}: search × ${options.iterations} (API and direct, interleaved)`);
    const input = {
      ...QUERY,
      from: new Date(now.getTime() - 24 * 3_600_000).toISOString(),
      to: now.toISOString(),
    };
    const admin = createPrincipal("bench", { roles: ["admin"] });
    const prepared = prepareSearch(admin, input, { limits: DEFAULT_SEARCH_LIMITS, now });
    const request = {
      filter: prepared.filter,
      order: prepared.order,
      size: prepared.pageSize,
      totalBound: DEFAULT_SEARCH_LIMITS.totalBound,
    };
    const url = `${service.url}/api/v1/logs/search?${new URLSearchParams(
      input as unknown as Record<string, string>,
    )}`;
    const api = async () => {
      const response = await fetch(url, { headers: service.headers });
      if (response.status !== 200) {
        throw new Error(`API answered ${response.status}: ${await response.text()}`);
      }
      const body = await response.json();
      return body.items.length as number;
    };
    const direct = () => target.directSearch(request);
    const [apiHits, directHits] = [await api(), await direct()];
    // The direct request is the store's own: one hit more than a page, to know if more follow.
    if (apiHits !== Math.min(directHits, request.size)) {
      throw new Error(`API found ${apiHits}, direct ${directHits}`);
    }
    for (let i = 0; i < 20; i++) {
      await api();
      await direct();
    }
    // Interleaved, alternating which goes first, so drift hits both alike.
    const apiTimes: number[] = [];
    const directTimes: number[] = [];
    for (let i = 0; i < options.iterations; i++) {
      if (i % 2 === 0) {
        apiTimes.push(await timeMs(api));
        directTimes.push(await timeMs(direct));
      } else {
        directTimes.push(await timeMs(direct));
        apiTimes.push(await timeMs(api));
      }
    }

    say(
      `${target.name}: ingesting ${options.ingestEvents} events in batches of ${options.batch}` +
        " (API and direct, alternating)",
    );
    const ingest = await measureIngest(target, service, {
      events: options.ingestEvents,
      batch: options.batch,
      now,
    });
    return {
      target: target.name,
      searchApi: { p50: percentile(apiTimes, 50), p95: percentile(apiTimes, 95) },
      searchDirect: { p50: percentile(directTimes, 50), p95: percentile(directTimes, 95) },
      ingestApi: ingest.api,
      ingestDirect: ingest.direct,
    };
  } finally {
    await service.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** The side-by-side table of a run (Markdown). */
export function formatTable(rows: readonly LogSearchBenchRow[]): string {
  const ms = (v: number) => v.toFixed(2);
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) + "×" : "–");
  const lines = [
    "| store | search p50 API / direct (ms) | ratio | search p95 API / direct (ms) | ratio | ingest API / direct (events/s) | ratio |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) =>
      `| ${r.target} | ${ms(r.searchApi.p50)} / ${ms(r.searchDirect.p50)} | ${
        ratio(r.searchApi.p50, r.searchDirect.p50)
      } | ` +
      `${ms(r.searchApi.p95)} / ${ms(r.searchDirect.p95)} | ${
        ratio(r.searchApi.p95, r.searchDirect.p95)
      } | ` +
      `${Math.round(r.ingestApi)} / ${Math.round(r.ingestDirect)} | ${
        ratio(r.ingestApi, r.ingestDirect)
      } |`
    ),
  ];
  return lines.join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      events: { type: "string", default: "20000" },
      iterations: { type: "string", default: "200" },
      ingest: { type: "string", default: "20000" },
      batch: { type: "string", default: "1000" },
      targets: { type: "string", default: "opensearch,elasticsearch,postgres,pglite" },
    },
  });
  const started = performance.now();
  const rows = await runLogSearchBench({
    events: Number(values.events),
    iterations: Number(values.iterations),
    ingestEvents: Number(values.ingest),
    batch: Number(values.batch),
    targets: values.targets.split(","),
    onProgress: (line) =>
      console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`),
  });
  console.log("\n" + formatTable(rows));
}
