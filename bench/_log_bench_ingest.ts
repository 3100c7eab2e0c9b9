/**
 * Bulk ingestion through the API versus the engine's bulk API, measured
 * batch by batch in alternation (which side goes first alternates too), after
 * one warm-up batch each, so drift and noise on a shared machine hit both
 * sides alike. Both sides send the same generated events in the same batch
 * size; only the event ids differ, so neither side meets the other's
 * documents as duplicates.
 * @module
 */
import { type LogEvent, parseLogEvent } from "../domain/logs/mod.ts";
import { demoLogEvents } from "../tasks/demo_log_events.ts";
import type { BenchService } from "./_log_bench_app.ts";
import type { BenchTarget } from "./log_bench_targets.ts";

/** Events per second of each side. */
export interface IngestRates {
  readonly api: number;
  readonly direct: number;
}

/** Runs `events` events per side in batches of `batch` (plus one warm-up batch each). */
export async function measureIngest(
  target: BenchTarget,
  service: BenchService,
  options: { readonly events: number; readonly batch: number; readonly now: Date },
): Promise<IngestRates> {
  const { batch, now } = options;
  const count = options.events + batch;
  const raw = (prefix: string) =>
    demoLogEvents({ count, now, hours: 1, seed: 11, idPrefix: `${prefix}-${now.getTime()}` });
  const apiBatches = chunks(raw("api"), batch);
  const apiBodies = apiBatches.map((b) => b.map((e) => JSON.stringify(e)).join("\n"));
  const directBatches = chunks(parseEvents(raw("direct"), now), batch);

  const sendApi = (body: string) => postBatch(service, body);
  const sendDirect = (events: readonly LogEvent[]) => target.directIngest(events);
  await sendApi(apiBodies[0]!);
  await sendDirect(directBatches[0]!);

  let apiMs = 0;
  let directMs = 0;
  let apiEvents = 0;
  let directEvents = 0;
  for (let i = 1; i < Math.max(apiBodies.length, directBatches.length); i++) {
    const runApi = async () => {
      const body = apiBodies[i];
      if (body === undefined) return;
      apiMs += await timeMs(() => sendApi(body));
      apiEvents += apiBatches[i]!.length;
    };
    const runDirect = async () => {
      const events = directBatches[i];
      if (events === undefined) return;
      directMs += await timeMs(() => sendDirect(events));
      directEvents += events.length;
    };
    if (i % 2 === 0) {
      await runApi();
      await runDirect();
    } else {
      await runDirect();
      await runApi();
    }
  }
  return { api: apiEvents / (apiMs / 1000), direct: directEvents / (directMs / 1000) };
}

async function postBatch(service: BenchService, body: string): Promise<void> {
  const response = await fetch(`${service.url}/api/v1/logs`, {
    method: "POST",
    headers: { ...service.headers, "content-type": "application/x-ndjson" },
    body,
  });
  const report = await response.json();
  if (response.status !== 200 || report.created === 0) {
    throw new Error(`ingest: ${JSON.stringify(report).slice(0, 300)}`);
  }
}

/** Validated events, as the direct side needs them (its validation is not timed). */
export function parseEvents(raw: Record<string, unknown>[], now: Date): LogEvent[] {
  return raw.flatMap((r) => {
    const parsed = parseLogEvent(r, { now, newId: () => crypto.randomUUID() });
    return parsed.ok ? [parsed.event] : [];
  });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Milliseconds `fn` takes to settle; both benchmarks' sides are timed alike. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
