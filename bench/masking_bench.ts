/**
 * Masking benchmark: throughput (naive baseline vs this masker, inline vs
 * pool), linear scaling on adversarial inputs, the inline/pool crossover, and
 * request latency while 5 MiB payloads are masked. Run:
 * `deno run -A bench/masking_bench.ts` (add `--throughput` for the first
 * table only). Single-thread figures use the process CPU time, so other load
 * on the machine distorts them less.
 */
import process from "node:process";
import { createMasker, MASK_RULES } from "../domain/masking/mod.ts";
import { maskBytes } from "../workers/mask_task.ts";
import { maskPayload } from "../workers/mask_service.ts";
import { createWorkerPool, type WorkerPool } from "../workers/pool.ts";
import { ADVERSARIAL_UNITS, adversarialInput } from "./adversarial_inputs.ts";
import { typicalLogEvents } from "./masking_corpus.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const MiB = 1024 * 1024;
const log = (line: string) => console.log(line);

/**
 * The least CPU seconds one run of `body` took, over `times` runs after one
 * warm-up run: the fastest run is the one least disturbed by collections and
 * other load, which is what a scaling ratio needs.
 */
function cpuSeconds(body: () => void, times: number): number {
  body();
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = process.cpuUsage();
    body();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

async function wallSeconds(body: () => Promise<unknown>, times: number): Promise<number> {
  await body();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await body();
    samples.push((performance.now() - start) / 1000);
  }
  return median(samples);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * The naive baseline: every rule's regex applied one after another with
 * `String.prototype.replace`, no validators, no gates. Compiled once, so the
 * comparison is with the cheapest form of that approach.
 */
function createNaiveMask(): (text: string) => string {
  const regexes = MASK_RULES.map((rule) =>
    new RegExp(
      rule.source.replace("<SENSITIVE_KEYS>", "password|secret|token|api_key|authorization|cookie"),
      rule.ignoreCase ? "gi" : "g",
    )
  );
  return (text) => regexes.reduce((out, regex) => out.replace(regex, "***"), text);
}

const mbps = (bytes: number, seconds: number) => (bytes / seconds / 1e6).toFixed(1).padStart(8);
const percentile = (values: number[], p: number) =>
  values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

interface ThroughputCase {
  readonly name: string;
  readonly bytes: number;
  readonly run: () => void;
}

/**
 * Median CPU seconds per run of each case. Cases take turns within every
 * round, so load from other processes (the box is shared) falls on all of
 * them alike; warm-up rounds are not counted.
 */
function medianSeconds(cases: readonly ThroughputCase[], rounds: number): Map<string, number> {
  const samples = new Map<string, number[]>(cases.map(({ name }) => [name, []]));
  for (let round = -WARM_UP_ROUNDS; round < rounds; round++) {
    for (const { name, run } of cases) {
      const start = process.cpuUsage();
      run();
      const used = process.cpuUsage(start);
      if (round >= 0) samples.get(name)!.push((used.user + used.system) / 1e6);
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}

const WARM_UP_ROUNDS = 2;
const ROUNDS = 9;

async function throughput(pool: WorkerPool): Promise<void> {
  const masker = createMasker();
  const naiveMask = createNaiveMask();
  // The masker sees what the service sees: objects parsed from the same lines the baseline gets.
  const lines = typicalLogEvents(2000).map((event) => JSON.stringify(event));
  const events = lines.map((line) => JSON.parse(line));
  const lineBytes = lines.map((line) => encoder.encode(line));
  const lineTotal = lineBytes.reduce((sum, bytes) => sum + bytes.length, 0);
  const bigText = JSON.stringify(typicalLogEvents(Math.ceil(MiB / 1100), 3));
  const bigEvents: unknown[] = JSON.parse(bigText);
  const big = encoder.encode(bigText);
  log(
    `\n## Throughput, one core (${lines.length} lines, avg ${
      Math.round(lineTotal / lines.length)
    } B; payload ${(big.length / MiB).toFixed(2)} MiB)`,
  );
  log(
    `Median of ${ROUNDS} rounds of CPU time (after ${WARM_UP_ROUNDS} warm-up rounds), cases interleaved; ` +
      "the same inputs for every column. MB/s, and × the naive baseline in brackets.",
  );
  log(
    "| input | naive String.replace chain | maskText (text) | maskLogEvent (parsed objects) | bytes in → bytes out (parse+mask+stringify) | JSON parse+stringify alone | pool round trip |",
  );
  log("|---|---:|---:|---:|---:|---:|---:|");
  const lineCases: ThroughputCase[] = [
    { name: "naive", bytes: lineTotal, run: () => lines.forEach(naiveMask) },
    { name: "text", bytes: lineTotal, run: () => lines.forEach((line) => masker.maskText(line)) },
    { name: "events", bytes: lineTotal, run: () => events.forEach((e) => masker.maskLogEvent(e)) },
    {
      name: "bytes",
      bytes: lineTotal,
      run: () => lineBytes.forEach((b) => maskBytes(masker, b, "json", "log_events")),
    },
    {
      name: "json",
      bytes: lineTotal,
      run: () =>
        lineBytes.forEach((b) => encoder.encode(JSON.stringify(JSON.parse(decoder.decode(b))))),
    },
  ];
  log(`| 1 KiB JSON lines (MB/s) | ${row(lineCases, medianSeconds(lineCases, ROUNDS))} | n/a |`);
  const bigCases: ThroughputCase[] = [
    { name: "naive", bytes: big.length, run: () => naiveMask(bigText) },
    { name: "text", bytes: big.length, run: () => masker.maskText(bigText) },
    {
      name: "events",
      bytes: big.length,
      run: () => bigEvents.forEach((e) => masker.maskLogEvent(e)),
    },
    { name: "bytes", bytes: big.length, run: () => maskBytes(masker, big, "json", "log_events") },
    {
      name: "json",
      bytes: big.length,
      run: () => encoder.encode(JSON.stringify(JSON.parse(decoder.decode(big)))),
    },
  ];
  const bigRow = row(bigCases, medianSeconds(bigCases, ROUNDS));
  const pooled = await wallSeconds(
    () => maskPayload(pool, masker, big.slice(), { inlineBelowBytes: 0 }),
    5,
  );
  log(`| 1 MiB JSON payload (MB/s) | ${bigRow} | ${mbps(big.length, pooled)} (wall) |`);
}

/** Table cells for the cases: MB/s, and for the maskers the factor over the naive baseline. */
function row(cases: readonly ThroughputCase[], seconds: ReadonlyMap<string, number>): string {
  const naive = seconds.get("naive")!;
  return cases.map(({ name, bytes }) => {
    const time = seconds.get(name)!;
    const factor = name === "naive" || name === "json" ? "" : ` (${(naive / time).toFixed(1)}×)`;
    return `${mbps(bytes, time)}${factor}`;
  }).join(" | ");
}

function adversarial(): void {
  const masker = createMasker();
  log("\n## Adversarial inputs (worst unit per rule; linear ⇒ 1 MiB / 256 KiB ≈ 4)");
  log("| rule | worst unit | 256 KiB ms | 1 MiB ms | ratio |");
  log("|---|---|---:|---:|---:|");
  let worstRatio = 0;
  for (const rule of MASK_RULES) {
    let worst = { unit: "", small: 0, large: 0 };
    for (const unit of ADVERSARIAL_UNITS[rule.id] ?? []) {
      const smallText = adversarialInput(unit, 256 * 1024);
      const largeText = adversarialInput(unit, MiB);
      const small = cpuSeconds(() => masker.maskText(smallText), 5) * 1000;
      const large = cpuSeconds(() => masker.maskText(largeText), 5) * 1000;
      if (large > worst.large) worst = { unit, small, large };
    }
    const ratio = worst.large / Math.max(worst.small, 1e-3);
    worstRatio = Math.max(worstRatio, ratio);
    log(
      `| ${rule.id} | \`${JSON.stringify(worst.unit)}\` | ${worst.small.toFixed(1)} | ${
        worst.large.toFixed(1)
      } | ${ratio.toFixed(2)} |`,
    );
  }
  log(`worst ratio: ${worstRatio.toFixed(2)}`);
}

async function crossover(pool: WorkerPool): Promise<number> {
  const masker = createMasker();
  log(
    "\n## Inline vs pool by payload size (median wall ms); offloading pays once inline time ≥ pool overhead",
  );
  log("| size | inline ms | pool ms | pool overhead ms |");
  log("|---:|---:|---:|---:|");
  let found = Infinity;
  for (const kib of [1, 4, 8, 16, 32, 64, 128, 256, 512]) {
    const payload = encoder.encode(
      JSON.stringify(typicalLogEvents(Math.max(1, Math.round(kib / 1.1)), kib)),
    );
    const inline = await wallSeconds(
      () => Promise.resolve(maskBytes(masker, payload, "json", "log_events")),
      15,
    );
    const pooled = await wallSeconds(
      () => maskPayload(pool, masker, payload.slice(), { inlineBelowBytes: 0 }),
      15,
    );
    const overhead = pooled - inline;
    // The crossover is where inline stays at least as slow as the overhead for every larger size.
    if (inline < overhead) found = Infinity;
    else if (found === Infinity) found = payload.length;
    log(
      `| ${(payload.length / 1024).toFixed(0)} KiB | ${(inline * 1000).toFixed(2)} | ${
        (pooled * 1000).toFixed(2)
      } | ${(overhead * 1000).toFixed(2)} |`,
    );
  }
  log(`crossover ≈ ${Number.isFinite(found) ? `${(found / 1024).toFixed(0)} KiB` : "> 512 KiB"}`);
  return found;
}

async function latency(pool: WorkerPool): Promise<void> {
  const masker = createMasker();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      if (url.pathname === "/ping") return new Response("pong");
      const body = new Uint8Array(await request.arrayBuffer());
      const inlineBelowBytes = url.searchParams.get("mode") === "inline" ? Infinity : 0;
      return new Response(await maskPayload(pool, masker, body, { inlineBelowBytes }));
    },
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  log("\n## Small-request latency while 5 MiB payloads are ingested back to back");
  log("| masking | small p50 ms | small p99 ms | small max ms | small requests | 5 MiB requests |");
  log("|---|---:|---:|---:|---:|---:|");
  try {
    for (const mode of ["inline", "pool"] as const) {
      const client = new Worker(new URL("./_latency_client_worker.ts", import.meta.url).href, {
        type: "module",
      });
      const result = await new Promise<{ latencies: number[]; big: number }>((resolve) => {
        client.onmessage = (event) => resolve(event.data);
        client.postMessage({ base, mode, bigBytes: 5 * MiB, durationMs: 8_000, pingEveryMs: 5 });
      });
      client.terminate();
      const { latencies, big } = result;
      log(
        `| ${mode} | ${percentile(latencies, 0.5).toFixed(1)} | ${
          percentile(latencies, 0.99).toFixed(1)
        } | ${Math.max(...latencies).toFixed(1)} | ${latencies.length} | ${big} |`,
      );
    }
  } finally {
    await server.shutdown();
  }
}

/**
 * Run every section (only the throughput one with `throughputOnly`); prints
 * Markdown tables. Returns the measured crossover in bytes (NaN if skipped).
 */
export async function runMaskingBench(
  options: { readonly throughputOnly?: boolean } = {},
): Promise<{ crossoverBytes: number }> {
  const started = performance.now();
  log(`# Masking benchmark — Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores`);
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 60_000, maxQueue: 64 });
  try {
    log("… throughput");
    await throughput(pool);
    if (options.throughputOnly) return { crossoverBytes: NaN };
    log("… adversarial inputs");
    adversarial();
    log("… crossover");
    const crossoverBytes = await crossover(pool);
    log("… latency under load");
    await latency(pool);
    log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return { crossoverBytes };
  } finally {
    await pool.shutdown({ graceMs: 5_000 });
  }
}

if (import.meta.main) await runMaskingBench({ throughputOnly: Deno.args.includes("--throughput") });
