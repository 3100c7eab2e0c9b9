/**
 * Alerting benchmark, one run, figures side by side:
 *  1. 100 log rules evaluated over stored events, on Postgres and on
 *     OpenSearch: evaluations per second (all rules, 4 at once) and the
 *     p50/p95 of one evaluation (count per group + state + alerts).
 *  2. `create_alert` (dedup under a row lock, outbox row when due) against a
 *     plain insert of the same rows into a copy of the table without dedup.
 *
 * CI-sized by default; the documented full run:
 *   deno task bench:alerts --events 1000000 --dedup-rows 50000
 * @module
 */
import { parseArgs } from "node:util";
import {
  type AlertDeps,
  createAlert,
  DEFAULT_RULE_LIMITS,
  evaluateDueRules,
  evaluateRule,
  type EvaluatorDeps,
  ruleDefinition,
  type RuleInput,
} from "../domain/alerts/mod.ts";
import type { LogEvent, LogStore } from "../domain/logs/mod.ts";
import { newEventId } from "../composition/audit_trail.ts";
import {
  cachedActiveSilences,
  createPostgresAlertStore,
  createPostgresRuleStore,
  createPostgresSilenceStore,
  soleInstanceLock,
} from "../infra/postgres/alerts/mod.ts";
import { createPostgresLogStore } from "../infra/postgres/logs/mod.ts";
import type { Sql } from "../infra/postgres/mod.ts";
import { createSearchClient } from "../infra/search/mod.ts";
import { createSearchLogStore } from "../infra/search/logs/mod.ts";
import { engineHttp, setupSearchEngine } from "../infra/search/setup/mod.ts";
import { openPostgres } from "../tests/support/databases.ts";
import { serviceUrl } from "../tests/support/services.ts";
import { parseEvents } from "./_log_bench_ingest.ts";
import { percentile } from "./_stats.ts";

const NAMESPACE = "alertbench";
const SERVICES = Array.from({ length: 20 }, (_, i) => `svc-${i}`);
const ERRORS = [
  "TimeoutError",
  "PaymentDeclined",
  "DbConnectionLost",
  "NullPointer",
  "RateLimited",
];
const WORDS = ["payment", "timeout", "checkout", "login", "search", "upload", "refund", "cache"];

function events(count: number, offset: number, now: Date): LogEvent[] {
  const raw = Array.from({ length: count }, (_, j) => {
    const i = offset + j;
    const level = i % 10 === 0 ? "error" : i % 5 === 0 ? "warn" : "info";
    return {
      "event.id": `ab-${i}`,
      "@timestamp": new Date(now.getTime() - (i % 3_000) * 1_000).toISOString(),
      "service.name": SERVICES[i % SERVICES.length],
      "log.level": level,
      message: `${WORDS[i % WORDS.length]} ${level === "error" ? "failed" : "done"} for order ${i}`,
      ...(level === "error" ? { "error.type": ERRORS[i % ERRORS.length] } : {}),
    };
  });
  return parseEvents(raw, now);
}

async function fill(store: LogStore, total: number, label: string, now: Date) {
  const batch = 5_000;
  const started = performance.now();
  for (let offset = 0; offset < total; offset += batch) {
    await store.ingest(events(Math.min(batch, total - offset), offset, now));
    if ((offset / batch) % 20 === 0) {
      console.error(`  ${label}: ${offset + batch}/${total} events stored`);
    }
  }
  await store.refresh();
  console.error(
    `  ${label}: ${total} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

function rules(count: number): RuleInput[] {
  const groupBy = [null, "service.name", "error.type"] as const;
  return Array.from({ length: count }, (_, i) => ({
    name: `bench-${i}`,
    query: i % 4 === 0 ? "" : WORDS[i % WORDS.length]!,
    filters: i % 2 === 0 ? { level: ["error"] } : {},
    group_by: groupBy[i % 3]!,
    window: ["5m", "15m", "1h"][i % 3]!,
    interval: "10s",
    condition: { op: ">", threshold: 10 + (i % 7) * 10 },
    severity: "medium",
  }));
}

/** Routed to one channel, as in service: the first occurrence queues an outbox row. */
function alertDeps(sql: Sql): AlertDeps {
  return {
    store: createPostgresAlertStore(sql),
    silences: cachedActiveSilences(createPostgresSilenceStore(sql), 1_000),
    routes: [{
      match: {},
      channels: ["slack"],
      repeatIntervalMs: 4 * 3_600_000,
      groupWindowMs: 30_000,
    }],
    configuredChannels: new Set(["slack"]),
    audit: () => Promise.resolve(),
    mask: { text: (t) => t, value: (v) => v },
    metrics: { alertCreated() {}, notification() {}, openAlerts() {} },
    now: () => new Date(),
    newId: newEventId,
    reportError: () => {},
  };
}

async function evaluateAll(label: string, sql: Sql, logs: LogStore, ruleCount: number) {
  const store = createPostgresRuleStore(sql);
  await sql`delete from alert_rules`;
  const now = new Date();
  for (const input of rules(ruleCount)) {
    const definition = ruleDefinition(input, { ...DEFAULT_RULE_LIMITS, minIntervalMs: 1_000 }, now);
    await store.create({ ...definition, id: newEventId(), createdBy: "bench", at: now });
  }
  const deps: EvaluatorDeps = {
    rules: store,
    logs,
    alerts: alertDeps(sql),
    lock: soleInstanceLock,
    limits: DEFAULT_RULE_LIMITS,
    timeoutMs: 60_000,
    concurrency: 4,
    metrics: { evaluation() {} },
    now: () => new Date(),
  };
  // One pass for warm-up (caches, plans), then each rule timed alone, then all at once.
  await evaluateDueRules(deps);
  await sql`update alert_rules set last_evaluated_at = null`;
  const single: number[] = [];
  for (const rule of await store.list()) {
    const t = performance.now();
    await evaluateRule(deps, rule);
    single.push(performance.now() - t);
  }
  await sql`update alert_rules set last_evaluated_at = null`;
  const t = performance.now();
  const { evaluated } = await evaluateDueRules(deps);
  const seconds = (performance.now() - t) / 1000;
  const errors = await sql`select count(*)::int as n from alert_rules where state = 'error'`;
  return {
    store: label,
    rules: ruleCount,
    evaluated,
    errors: errors[0]!.n as number,
    evaluations_per_s: Math.round(evaluated / seconds),
    p50_ms: +percentile(single, 50).toFixed(1),
    p95_ms: +percentile(single, 95).toFixed(1),
  };
}

async function dedupBench(sql: Sql, rows: number) {
  const deps = alertDeps(sql);
  const occurrences = Array.from({ length: rows }, (_, i) => ({
    fingerprint: `bench/${i % Math.max(1, Math.floor(rows / 10))}`,
    severity: "high" as const,
    source: "bench",
    title: `Bench ${i % 100}`,
  }));
  await sql`create table alerts_plain (like alerts including defaults)`;
  const run = async (work: (i: number) => Promise<unknown>) => {
    let next = 0;
    const t = performance.now();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < rows) await work(next++);
    }));
    return Math.round(rows / ((performance.now() - t) / 1000));
  };
  const plain = await run((i) => {
    const o = occurrences[i]!;
    return sql`insert into alerts_plain (id, fingerprint, severity, source, title, first_seen_at, last_seen_at)
      values (${newEventId()}, ${o.fingerprint}, ${o.severity}, ${o.source}, ${o.title}, now(), now())`;
  });
  const dedup = await run((i) =>
    createAlert(deps, { occurrence: occurrences[i]!, actor: { id: "bench", type: "system" } })
  );
  const [count] = await sql`
    select count(*)::int as n, sum(occurrence_count)::int as total from alerts
     where source = 'bench'`;
  return {
    rows,
    distinct_fingerprints: count!.n,
    occurrences_counted: count!.total,
    plain_insert_per_s: plain,
    create_alert_per_s: dedup,
    ratio: +(dedup / plain).toFixed(2),
  };
}

export async function runAlertsBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: "string", default: "20000" },
      rules: { type: "string", default: "100" },
      "dedup-rows": { type: "string", default: "2000" },
      engines: { type: "string", default: "postgres,opensearch" },
    },
  });
  const total = Number(values.events);
  const ruleCount = Number(values.rules);
  const engines = values.engines.split(",");
  const pgUrl = await serviceUrl("postgres");
  if (!pgUrl) throw new Error("the alert benchmark needs Postgres: deno task services");
  await using db = await openPostgres(pgUrl, { migrate: true, poolMax: 8 });
  const now = new Date();
  const evaluations = [];
  if (engines.includes("postgres")) {
    console.error(`postgres: storing ${total} events`);
    const store = createPostgresLogStore(db.sql);
    await fill(store, total, "postgres", now);
    evaluations.push(await evaluateAll("Postgres", db.sql, store, ruleCount));
  }
  const osUrl = await serviceUrl("opensearch");
  if (engines.includes("opensearch") && osUrl) {
    const search = createSearchClient("opensearch", { url: osUrl, timeoutMs: 120_000 });
    const http = engineHttp(search);
    await http.request("DELETE", `/_data_stream/logs-*-${NAMESPACE}`);
    await setupSearchEngine(http, { namespace: NAMESPACE });
    const store = createSearchLogStore(search, { namespace: NAMESPACE, snapshotKeepAlive: "1m" });
    try {
      console.error(`opensearch: storing ${total} events`);
      await fill(store, total, "opensearch", now);
      evaluations.push(await evaluateAll("OpenSearch", db.sql, store, ruleCount));
    } finally {
      await http.request("DELETE", `/_data_stream/logs-*-${NAMESPACE}`);
      await search.client.close();
    }
  }
  console.error(`dedup: ${values["dedup-rows"]} occurrences`);
  const dedup = await dedupBench(db.sql, Number(values["dedup-rows"]));
  console.log(`\nRule evaluation (${ruleCount} rules over ${total} stored events)`);
  console.table(evaluations);
  console.log(
    "\ncreate_alert (dedup + outbox check) vs a plain insert of the same rows, 8 at once",
  );
  console.table([dedup]);
  return { evaluations, dedup };
}

if (import.meta.main) await runAlertsBench(Deno.args);
