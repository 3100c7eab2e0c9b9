/**
 * Report benchmark: the security and privacy reports over a seeded audit
 * trail, through the service's own path (keyset chunks read while the worker
 * pool folds the previous one, partials merged, rendered as JSON), next to
 * plain SQL `GROUP BY` queries producing the same aggregates, in the same
 * run; and the peak resident memory of the reporting process at each size,
 * to show it does not grow with the rows.
 *
 *   deno task bench:reports                               CI-sized: 20 000 and 100 000 rows
 *   deno task bench:reports --rows 100000,1000000         the documented full run
 *   options: --rounds N (alternations, median kept; default 2), --chunk N (rows per chunk),
 *            --heap-cap MiB (a second probe with V8's old space capped; default 32)
 *
 * Postgres is the one of `deno task services` (TEST_DATABASE_URL); a throw-away
 * database is made per size and seeded in SQL (30 days, 1 000 actors, eight
 * kinds of event). Each size is measured in a child process of its own.
 */
import { parseArgs } from "node:util";
import { openPostgres } from "../tests/support/databases.ts";
import { configuredUrl } from "../tests/support/services.ts";

const args = parseArgs({
  args: Deno.args,
  options: {
    rows: { type: "string", default: "20000,100000" },
    rounds: { type: "string", default: "2" },
    chunk: { type: "string", default: "10000" },
    "heap-cap": { type: "string", default: "32" },
  },
}).values;
const sizes = args.rows.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
const progress = (message: string) => console.error(`[report bench] ${message}`);
const FROM = "2026-01-01T00:00:00Z";
const TO = "2026-01-31T00:00:00Z";
const SPAN_SECONDS = 30 * 86_400;

interface ProbeResult {
  peakRssMiB: number;
  reports: Record<
    string,
    { rows: number; reportMs: number; sqlMs: number; rssQuartersMiB: number[] }
  >;
  checks: string[];
}

const results: { size: number; probe: ProbeResult; capped: ProbeResult }[] = [];
for (const size of sizes) {
  await using db = await openPostgres(configuredUrl("postgres"), { migrate: true, poolMax: 2 });
  progress(`seeding ${size} audit rows`);
  const started = performance.now();
  await db.sql`select audit_ensure_partition(${FROM}::timestamptz)`;
  await db.sql`select audit_ensure_partition(${TO}::timestamptz)`;
  await db.sql.unsafe(`
    insert into audit_log (seq, id, occurred_at, recorded_at, recorded_by, tenant_id, actor_id,
      actor_type, actor_ip, actor_user_agent, action, action_type, resource_type, resource_id,
      outcome, reason, request_id, trace_id, changes, metadata, prev_hash, hash)
    select g, gen_random_uuid(),
           '${FROM}'::timestamptz + make_interval(secs => g * ${SPAN_SECONDS / size}),
           now(), 'bench', 'default', 'u-' || (g % 1000), 'user',
           '10.0.' || (g % 250) || '.' || (g % 200), null,
           (array['user.read', 'customer.read', 'document.update', 'user.login',
                  'access.denied', 'role.grant', 'admin.settings_update',
                  'customer.export'])[1 + g % 8],
           (array['read', 'read', 'update', 'login', 'access', 'permission_change',
                  'config_change', 'export'])[1 + g % 8],
           (array['user', 'customer', 'document', 'session', 'route', 'user', 'settings',
                  'customer'])[1 + g % 8],
           'r-' || (g % 5000),
           case when g % 17 = 0 then 'failure' when g % 29 = 0 then 'denied' else 'success' end,
           null, null, null, null,
           jsonb_build_object('purpose', (array['support', 'billing', 'analytics'])[1 + g % 3],
                              'rows', g % 500),
           repeat('0', 64), repeat('a', 64)
      from generate_series(1, ${size}) g`);
  await db.sql`update audit_chain_head set seq = ${size}, hash = ${"a".repeat(64)}`;
  await db.sql.unsafe("analyze audit_log");
  progress(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; measuring`);
  const probe = await runProbe(db.url!, []);
  progress("measuring again with the heap capped");
  const capped = await runProbe(db.url!, [`--v8-flags=--max-old-space-size=${args["heap-cap"]}`]);
  for (const check of [...probe.checks, ...capped.checks]) console.error(`MISMATCH ${check}`);
  results.push({ size, probe, capped });
}

async function runProbe(url: string, flags: string[]): Promise<ProbeResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...flags,
      new URL("./_report_probe.ts", import.meta.url).pathname,
      url,
      FROM,
      TO,
      args.rounds,
      args.chunk,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error(`the probe failed (${url})`);
  return JSON.parse(new TextDecoder().decode(output.stdout)) as ProbeResult;
}

const cap = args["heap-cap"];
console.log(
  "\n| Audit rows | Report | Rows read | Report (ms) | SQL GROUP BY (ms) | Ratio | Peak RSS | " +
    `Peak RSS, ${cap} MiB heap | RSS by quarter of the run, ${cap} MiB heap |`,
);
console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const { size, probe, capped } of results) {
  for (const [type, f] of Object.entries(probe.reports)) {
    const ratio = (f.reportMs / Math.max(1, f.sqlMs)).toFixed(2);
    const quarters = capped.reports[type]?.rssQuartersMiB.join(" / ");
    console.log(
      `| ${size.toLocaleString("en")} | ${type} | ${f.rows.toLocaleString("en")} | ` +
        `${f.reportMs} | ${f.sqlMs} | ${ratio}× | ${probe.peakRssMiB} MiB | ` +
        `${capped.peakRssMiB} MiB | ${quarters} MiB |`,
    );
  }
}
if (results.some((r) => r.probe.checks.length > 0)) Deno.exit(1);
