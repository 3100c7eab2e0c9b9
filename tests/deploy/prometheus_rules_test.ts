/**
 * The alert rules of ops/prometheus/: valid for promtool, and every metric
 * they name is one the service exports.
 */
import assert from "node:assert/strict";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { registerBackupMetrics } from "../../infra/metrics/backup_metrics.ts";
import { registerUserServiceMetrics } from "../../infra/metrics/user_service_metrics.ts";
import { registerWorkerPoolMetrics } from "../../infra/metrics/worker_pool_metrics.ts";
import { prometheusRuleGroups } from "../../tasks/generate_deploy.ts";
import { requireTool, run } from "./tools.ts";

const PROMQL_WORDS = new Set([
  "sum",
  "by",
  "rate",
  "increase",
  "and",
  "or",
  "unless",
  "min",
  "max",
  "avg",
  "time",
  "histogram_quantile",
  "max_over_time",
  "min_over_time",
  "avg_over_time",
  "le",
  "namespace",
  "engine",
  "repository",
  "pod",
  "status",
  "dependency",
  "outcome",
  "without",
  "on",
  "ignoring",
]);

async function exportedMetrics(): Promise<Set<string>> {
  const metrics = createMetrics({ collectDefault: true });
  registerBackupMetrics(metrics.registry);
  registerUserServiceMetrics(metrics.registry);
  registerWorkerPoolMetrics(metrics.registry, () => ({
    size: 1,
    busy: 0,
    idle: 1,
    queued: 0,
    completed: 0,
    failed: 0,
    timedOut: 0,
    crashed: 0,
    rejected: 0,
  }));
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === "histogram") {
      for (const suffix of ["_bucket", "_sum", "_count"]) names.add(metric.name + suffix);
    }
  }
  return names;
}

Deno.test("every metric named by an alert rule is exported", async () => {
  const exported = await exportedMetrics();
  const groups = (await prometheusRuleGroups()) as { rules: { alert: string; expr: string }[] }[];
  assert.ok(groups.length > 0);
  for (const rule of groups.flatMap((g) => g.rules)) {
    const expr = rule.expr.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
    const words = expr.match(/[a-z_][a-z0-9_]*/g) ?? [];
    const metrics = words.filter((w) => !PROMQL_WORDS.has(w) && w.includes("_"));
    assert.ok(metrics.length > 0, `${rule.alert}: names a metric`);
    for (const name of metrics) {
      assert.ok(
        exported.has(name),
        `${rule.alert}: ${name} is not exported`,
      );
    }
  }
  for (
    const alert of [
      "HighErrorRate",
      "SlowLogSearch",
      "ElasticsearchConnectionFailure",
      "ElasticsearchClusterUnhealthy",
      "LowCacheHitRate",
      "BackupVerificationFailed",
      "BackupVerificationStale",
    ]
  ) {
    assert.ok(groups.some((g) => g.rules.some((r) => r.alert === alert)), `${alert} is defined`);
  }
});

const promtool = await requireTool("promtool");

Deno.test({
  name: "promtool accepts the rule files",
  ignore: !promtool,
  async fn() {
    const dir = new URL("../../ops/prometheus/", import.meta.url);
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.name.endsWith(".rules.yml")) continue;
      const file = new URL(entry.name, dir).pathname;
      const result = await run(promtool!, ["check", "rules", file]);
      assert.equal(result.code, 0, result.stdout + result.stderr);
    }
  },
});
