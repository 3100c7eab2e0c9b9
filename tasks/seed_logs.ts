/**
 * Fills the log store with realistic demo events, so a fresh embedded
 * instance shows results at once:
 *
 *   logging-audit seed-logs [--count 3000] [--hours 24] [--seed 42]
 *
 * Events go through the same validation and masking as `POST /api/v1/logs`
 * into whatever store is configured (the embedded Postgres by default; stop
 * the running service first, the embedded database has one user).
 */
import { ingestLogs, type LogEvent, parseLogEvent } from "../domain/logs/mod.ts";
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { migrateUp } from "../infra/postgres/mod.ts";
import { buildAdapters } from "../composition/adapters.ts";
import { buildLogFeatures } from "../composition/log_features.ts";
import { createConfiguredMasker } from "../composition/masking.ts";
import { demoLogEvents } from "./demo_log_events.ts";
import { parseOptions, UsageError } from "./command_line.ts";

function options(args: readonly string[]) {
  return parseOptions(args, {
    count: { type: "string", default: "3000" },
    hours: { type: "string", default: "24" },
    seed: { type: "string" },
  });
}

/** Runs `seed-logs`. */
export async function run(args: readonly string[]): Promise<number> {
  const values = options(args);
  const count = Number(values.count);
  const hours = Number(values.hours);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new UsageError("--count must be an integer from 1 to 1000000");
  }
  if (!(hours > 0 && hours <= 720)) throw new UsageError("--hours must be from 1 to 720");

  const config = loadConfigOrExit();
  const logger = createLogger({ level: "warn", serviceName: "seed-logs" });
  const adapters = await buildAdapters(config, logger, createMetrics({ collectDefault: false }));
  try {
    await migrateUp(adapters.sql);
    const masker = createConfiguredMasker(config);
    const features = await buildLogFeatures(config, adapters, {
      logger,
      maskEvent: (event) => masker.maskLogEvent(event) as LogEvent,
    });
    const now = new Date();
    const stamp = now.toISOString().replace(/\D/g, "").slice(0, 12);
    const seed = values.seed ? Number(values.seed) : Number(stamp.slice(-6));
    const events = demoLogEvents({ count, now, hours, seed, idPrefix: `demo-${stamp}` });
    console.log(
      `seed-logs: ${count} events over ${hours} h into the ${features.store.engine} store`,
    );

    const started = performance.now();
    const batch = 500;
    let created = 0;
    let rejected = 0;
    for (let i = 0; i < events.length; i += batch) {
      const items = events.slice(i, i + batch).map((value) => ({ ok: true as const, value }));
      const report = await ingestLogs({ ...features, now: () => now }, items);
      created += report.created;
      rejected += report.rejected + report.failed;
      console.log(`  ${Math.min(i + batch, events.length)}/${events.length} written`);
    }
    await features.store.refresh();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `done: ${created} created, ${rejected} refused, in ${seconds.toFixed(1)} s ` +
        `(${Math.round(created / seconds)} events/s)`,
    );
    summarize(events.map((e) => parseLogEvent(e, { now, newId: () => "" })));
    console.log(
      "\ntry it: logging-audit serve (or deno task start), then\n" +
        "  TOKEN=$(deno task -q token --role admin)\n" +
        '  curl -H "authorization: Bearer $TOKEN" ' +
        "'http://127.0.0.1:8080/api/v1/logs/search?q=timeout'",
    );
    return rejected > 0 && created === 0 ? 1 : 0;
  } finally {
    await adapters.close();
  }
}

function summarize(parsed: ReturnType<typeof parseLogEvent>[]): void {
  const counts = new Map<string, number>();
  for (const result of parsed) {
    if (!result.ok) continue;
    const key = `${result.event["service.name"]}/${result.event["event.category"]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log("by service/category:");
  for (const [key, n] of [...counts].sort()) console.log(`  ${key.padEnd(24)} ${n}`);
}
