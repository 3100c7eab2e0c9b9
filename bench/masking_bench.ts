/**
 * Masking benchmark: throughput (naive baseline vs this masker, inline vs
 * pool), linear scaling on adversarial inputs, the inline/pool crossover, and
 * request latency while 5 MiB payloads are masked. Run:
 * `deno run -A bench/masking_bench.ts`. Single-thread figures use the
 * process CPU time, so other load on the machine distorts them less.
 */
import process from "node:process";
import { createMasker, MASK_RULES } from "../domain/masking/mod.ts";
import { maskBytes } from "../workers/mask_task.ts";
import { maskPayload } from "../workers/mask_service.ts";
import { createWorkerPool, type WorkerPool } from "../workers/pool.ts";
import { ADVERSARIAL_UNITS, adversarialInput } from "./adversarial_inputs.ts";
import { typicalLogEvents } from "./masking_corpus.ts";

const encoder = new TextEncoder();
const MiB = 1024 * 1024;
const log = (line: string) => console.log(line);

/** CPU seconds spent running `body` `times` times after one warm-up run. */
function cpuSeconds(body: () => void, times: number): number {
  body();
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) body();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6 / times;
}

async function wallSeconds(body: () => Promise<unknown>, times: number): Promise<number> {
  await body();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await body();
    samples.push((performance.now() - start) / 1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

function naiveMask(text: string): string {
  let out = text;
  for (const rule of MASK_RULES) {
    const source = rule.source.replace(
      "<SENSITIVE_KEYS>",
      "password|secret|token|api_key|authorization|cookie",
    );
    out = out.replace(new RegExp(source, rule.ignoreCase ? "gi" : "g"), "***");
  }
  return out;
}

const mbps = (bytes: number, seconds: number) => (bytes / seconds / 1e6).toFixed(1).padStart(8);
const percentile = (values: number[], p: number) =>
  values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

async function throughput(pool: WorkerPool): Promise<void> {
  const masker = createMasker();
  const events = typicalLogEvents(2000);
  const lines = events.map((event) => JSON.stringify(event));
  const lineBytes = lines.reduce((sum, line) => sum + encoder.encode(line).length, 0);
  const big = encoder.encode(JSON.stringify(typicalLogEvents(Math.ceil(MiB / 1100), 3)));
  const bigText = new TextDecoder().decode(big);
  log(
    `\n## Throughput, one core (${lines.length} lines, avg ${
      Math.round(lineBytes / lines.length)
    } B; payload ${(big.length / MiB).toFixed(2)} MiB)`,
  );
  log(
    "| input | naive String.replace chain | maskText (text) | maskLogEvent (parsed objects) | bytes in → bytes out (parse+mask+stringify) | pool round trip |",
  );
  log("|---|---:|---:|---:|---:|---:|");
  const naiveLines = cpuSeconds(() => lines.forEach(naiveMask), 3);
  const textLines = cpuSeconds(() => lines.forEach((l) => masker.maskText(l)), 3);
  const objectLines = cpuSeconds(() => events.forEach((e) => masker.maskLogEvent(e)), 3);
  const byteLines = cpuSeconds(
    () => lines.forEach((l) => maskBytes(masker, encoder.encode(l), "json", "log_events")),
    3,
  );
  log(
    `| 1 KiB JSON lines (MB/s) | ${mbps(lineBytes, naiveLines)} | ${mbps(lineBytes, textLines)} | ${
      mbps(lineBytes, objectLines)
    } | ${mbps(lineBytes, byteLines)} | n/a |`,
  );
  const naiveBig = cpuSeconds(() => naiveMask(bigText), 3);
  const textBig = cpuSeconds(() => masker.maskText(bigText), 3);
  const bytesBig = cpuSeconds(() => maskBytes(masker, big, "json", "log_events"), 3);
  const pooled = await wallSeconds(
    () => maskPayload(pool, masker, big.slice(), { inlineBelowBytes: 0 }),
    5,
  );
  log(
    `| 1 MiB JSON payload (MB/s) | ${mbps(big.length, naiveBig)} | ${
      mbps(big.length, textBig)
    } | n/a | ${mbps(big.length, bytesBig)} | ${mbps(big.length, pooled)} (wall) |`,
  );
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
      const small = cpuSeconds(() => masker.maskText(adversarialInput(unit, 256 * 1024)), 2) * 1000;
      const large = cpuSeconds(() => masker.maskText(adversarialInput(unit, MiB)), 2) * 1000;
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

/** Run every section; prints Markdown tables. Returns the measured crossover in bytes. */
export async function runMaskingBench(): Promise<{ crossoverBytes: number }> {
  const started = performance.now();
  log(`# Masking benchmark — Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores`);
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 60_000, maxQueue: 64 });
  try {
    log("… throughput");
    await throughput(pool);
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

if (import.meta.main) await runMaskingBench();
