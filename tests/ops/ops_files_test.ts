/**
 * The operations files agree with the service: `promtool` accepts the alert
 * rules and passes their unit tests, and every metric the rules and the
 * Grafana dashboard name is one the service exposes on `/metrics`.
 */
import assert from "node:assert/strict";
import { isCi } from "../support/services.ts";
import { alertingFixture } from "../alerts/alerting_fixture.ts";
import { requireService } from "../support/services.ts";

const RULES = new URL("../../ops/prometheus/service.rules.yml", import.meta.url).pathname;
const RULE_TESTS = new URL("../../ops/prometheus/alerts_test.yml", import.meta.url).pathname;
const DASHBOARD = new URL("../../ops/grafana/logging-audit-dashboard.json", import.meta.url);

async function promtool(...args: string[]) {
  try {
    return await new Deno.Command("promtool", { args, stdout: "piped", stderr: "piped" }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && !isCi()) return undefined;
    throw error;
  }
}

Deno.test("ops: promtool checks the alert rules and passes their unit tests", async () => {
  const check = await promtool("check", "rules", RULES);
  if (!check) {
    console.error("SKIPPED (no promtool: apt-get install prometheus)");
    return;
  }
  assert.equal(
    check.code,
    0,
    new TextDecoder().decode(check.stdout) + new TextDecoder().decode(check.stderr),
  );
  const test = await promtool("test", "rules", RULE_TESTS);
  assert.equal(
    test!.code,
    0,
    new TextDecoder().decode(test!.stdout) + new TextDecoder().decode(test!.stderr),
  );
});

/** Metric names in PromQL text: identifiers followed by `{`, `[` or `)`, minus functions. */
function metricNames(promql: string): Set<string> {
  const names = new Set<string>();
  for (const match of promql.matchAll(/\b([a-z_][a-z0-9_]*)\s*(?=\{|\[)/g)) names.add(match[1]!);
  return names;
}

/** A histogram's series name back to its metric name. */
function base(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, "");
}

const pg = await requireService("postgres");

Deno.test({
  name: "ops: every metric the rules and the dashboard use is exposed on /metrics",
  ignore: !pg,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const rules = await Deno.readTextFile(RULES);
    const exprs = [...rules.matchAll(/expr:\s*(\|[\s\S]*?)(?=\n\s+for:)|expr:\s*(.+)/g)]
      .map((m) => m[1] ?? m[2] ?? "");
    const dashboard = JSON.parse(await Deno.readTextFile(DASHBOARD));
    const targets = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
      p.targets.map((t) => t.expr)
    );
    assert.ok(exprs.length >= 8 && targets.length >= 14);
    assert.ok(dashboard.templating.list.some((v: { type: string }) => v.type === "datasource"));
    const used = new Set([...exprs, ...targets].flatMap((e) => [...metricNames(e)].map(base)));

    await using fx = await alertingFixture(pg!, {});
    const exposition = await (await fx.request("/metrics")).text();
    const exposed = new Set(
      [...exposition.matchAll(/^# TYPE ([a-z_][a-z0-9_]*) /gm)].map((m) => m[1]!),
    );
    const missing = [...used].filter((name) => !exposed.has(name)).sort();
    assert.deepEqual(missing, [], `metrics used by ops/ but not exposed: ${missing.join(", ")}`);
  },
});
