/**
 * Child process of `report_bench.ts`: over a seeded database, times the
 * security and privacy reports through the service's own path (keyset chunks,
 * folded in the worker pool, rendered as JSON) next to the plain SQL
 * `GROUP BY` queries producing the same aggregates, in alternation, and
 * prints the figures with this process's peak resident memory as JSON.
 *
 *   deno run -A bench/_report_probe.ts <database-url> <from> <to> <rounds> <chunk-rows>
 */
import { createPrincipal } from "../domain/access/mod.ts";
import { keepAuditPayload } from "../domain/audit/mod.ts";
import {
  generateReport,
  type PrivacyData,
  type ReportType,
  type SecurityData,
} from "../domain/reports/mod.ts";
import { buildAuditRuntime } from "../composition/audit_trail.ts";
import { buildReportRuntime } from "../composition/reports.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { loadCheckpointKeys } from "../infra/audit/checkpoint_keys.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { createSql, type Sql } from "../infra/postgres/mod.ts";
import { createWorkerPool, defaultPoolSize } from "../workers/pool.ts";

const [url = "", from = "", to = "", roundsText = "2", chunkRows = "10000"] = Deno.args;
const rounds = Number(roundsText);
const sql = createSql({ kind: "url", url, poolMax: 2 });
const logger = createLogger({ level: "fatal", serviceName: "bench" });
const config = parseConfig({ AUDIT_RETENTION_DAYS: "36500", REPORT_CHUNK_ROWS: chunkRows });
const pool = createWorkerPool({
  size: defaultPoolSize(),
  taskTimeoutMs: 600_000,
  maxQueue: 16,
});
const keys = await loadCheckpointKeys({ production: false });
const audit = await buildAuditRuntime(config, {
  sql,
  pool,
  cursorKey: crypto.randomUUID().repeat(2),
  keys,
  metrics: createMetrics({ collectDefault: false }),
  logger,
  maskAuditPayload: keepAuditPayload,
});
const reports = await buildReportRuntime(config, {
  sql,
  audit: audit.deps,
  keys,
  pool,
  logger,
  runJobs: false,
});
const caller = { principal: createPrincipal("bench", { roles: ["auditor"] }), requestId: "bench" };

let peakRss = Deno.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, Deno.memoryUsage().rss)), 10);

/** Resident memory at each quarter of the last run of each report: flat means bounded. */
const quarters: Record<string, number[]> = {};

async function report(type: ReportType) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(Deno.memoryUsage().rss), 10);
  const started = performance.now();
  const generated = await generateReport(reports.deps, {
    caller,
    parameters: { type, from, to },
    format: "json",
    reportId: audit.deps.newId(),
  });
  clearInterval(timer);
  const mib = (bytes: number) => Math.round(bytes / 1048576);
  quarters[type] = [1, 2, 3, 4].map((q) =>
    mib(
      Math.max(
        0,
        ...samples.slice(
          Math.floor(((q - 1) * samples.length) / 4),
          Math.ceil((q * samples.length) / 4),
        ),
      ),
    )
  );
  return { ms: performance.now() - started, document: generated.document };
}

const PERSONAL = config.REPORT_PERSONAL_DATA_RESOURCES;

/** The security report's aggregates as plain GROUP BY queries. */
async function securitySql(db: Sql) {
  const range = db`occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz`;
  const started = performance.now();
  const [failed, denied, permissions, latest, offHours] = await Promise.all([
    db`select actor_id, coalesce(actor_ip, '') as ip, count(*)::int as n, max(occurred_at)
         from audit_log where ${range} and action_type = 'login' and outcome in ('failure', 'denied')
        group by 1, 2`,
    db`select actor_id, coalesce(actor_ip, '') as ip, count(*)::int as n, max(occurred_at)
         from audit_log where ${range} and outcome = 'denied'
          and not (action_type = 'login') group by 1, 2`,
    db`select actor_id, count(*)::int as n from audit_log
        where ${range} and action_type = 'permission_change' group by 1`,
    db`select seq from audit_log where ${range} and action_type = 'permission_change'
        order by seq desc limit 50`,
    db`select actor_id, count(*)::int as n, max(occurred_at),
              count(*) filter (where true)::int as all_admin
         from audit_log
        where ${range}
          and (action like 'admin.%' or action_type in ('permission_change', 'config_change'))
          and not (extract(isodow from occurred_at at time zone 'UTC') between 1 and 5
                   and (occurred_at at time zone 'UTC')::time >= '08:00'
                   and (occurred_at at time zone 'UTC')::time < '18:00')
        group by 1`,
  ]);
  const ms = performance.now() - started;
  const total = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  void latest;
  return {
    ms,
    totals: {
      failed_logins: total(failed as never),
      denied: total(denied as never),
      permission_changes: total(permissions as never),
      off_hours: total(offHours as never),
    },
  };
}

/** The privacy report's aggregates as plain GROUP BY queries. */
async function privacySql(db: Sql) {
  const range = db`occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz`;
  const personal = db`resource_type = any(${db.array(PERSONAL)}::text[])`;
  const started = performance.now();
  const [access, exports, daily, denied] = await Promise.all([
    db`select actor_id, coalesce(case when jsonb_typeof(metadata -> 'purpose') = 'string'
                                      then metadata ->> 'purpose' end, '(unspecified)'),
              count(*)::int as n
         from audit_log where ${range} and outcome = 'success' and ${personal} group by 1, 2`,
    db`select actor_id, count(*)::int as n,
              sum(case when jsonb_typeof(metadata -> 'rows') = 'number'
                        and (metadata ->> 'rows')::float8 > 0
                       then (metadata ->> 'rows')::float8 end) as rows
         from audit_log where ${range} and action_type = 'export' and outcome <> 'denied'
        group by 1`,
    db`select actor_id, floor(extract(epoch from occurred_at) / 86400) as day, count(*)::int as n
         from audit_log where ${range} and outcome = 'success' and ${personal}
          and action_type in ('read', 'export') group by 1, 2`,
    db`select actor_id, action, count(*)::int as n, max(occurred_at)
         from audit_log where ${range} and outcome = 'denied' group by 1, 2`,
  ]);
  const ms = performance.now() - started;
  const total = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  return {
    ms,
    totals: {
      personal_access: total(access as never),
      exports: total(exports as never),
      daily_keys: daily.length,
      denied: total(denied as never),
    },
  };
}

const figures: Record<string, { report: number[]; sql: number[]; rows: number }> = {};
const checks: string[] = [];
for (let round = 0; round < rounds; round++) {
  for (const type of ["security", "privacy"] as const) {
    const baseline = type === "security"
      ? { kind: "security" as const, ...await securitySql(sql) }
      : { kind: "privacy" as const, ...await privacySql(sql) };
    const run = await report(type);
    const entry = figures[type] ??= { report: [], sql: [], rows: run.document.rows_scanned };
    entry.report.push(run.ms);
    entry.sql.push(baseline.ms);
    if (round > 0) continue;
    // The two paths must agree, or the comparison means nothing.
    if (baseline.kind === "security") {
      const d = run.document.data as SecurityData;
      const t = baseline.totals;
      if (
        d.failed_logins.total !== t.failed_logins || d.denied_access.total !== t.denied ||
        d.permission_changes.total !== t.permission_changes ||
        d.off_hours_admin_actions.total !== t.off_hours
      ) {
        checks.push(`security differs: ${JSON.stringify({ report: d, sql: t }).slice(0, 400)}`);
      }
    } else {
      const d = run.document.data as PrivacyData;
      const t = baseline.totals;
      if (
        d.personal_data_access.total !== t.personal_access || d.exports.total !== t.exports ||
        d.denied.total !== t.denied
      ) {
        checks.push(
          `privacy differs: report ${d.personal_data_access.total}/${d.exports.total}/` +
            `${d.denied.total}, sql ${t.personal_access}/${t.exports}/${t.denied}`,
        );
      }
    }
  }
}
clearInterval(sampler);
const status = await Deno.readTextFile("/proc/self/status");
const hwmKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(JSON.stringify({
  peakRssMiB: Math.round(Math.max(peakRss, hwmKiB * 1024) / 1048576),
  reports: Object.fromEntries(
    Object.entries(figures).map(([type, f]) => [type, {
      rows: f.rows,
      reportMs: Math.round(median(f.report)),
      sqlMs: Math.round(median(f.sql)),
      rssQuartersMiB: quarters[type],
    }]),
  ),
  checks,
}));
await reports.close();
await audit.close();
await pool.shutdown({ graceMs: 0 });
await sql.end({ timeout: 1 });
