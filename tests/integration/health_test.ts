/**
 * Health checks against the real services: Postgres through the driver, the
 * search engine through both official clients (the Elasticsearch client via
 * the compatibility proxy), Redis through the Upstash REST front.
 */
import assert from "node:assert/strict";
import { checkHealth, type DependencyCheck } from "../../domain/health/mod.ts";
import { createRedis, redisHealthCheck } from "../../infra/cache/mod.ts";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { createSql, postgresHealthCheck } from "../../infra/postgres/mod.ts";
import {
  closeSearchClient,
  createSearchClient,
  searchHealthCheck,
} from "../../infra/search/mod.ts";
import { buildTestApp } from "../support/test_app.ts";
import { redisRestToken, requireService } from "../support/services.ts";

const pg = await requireService("postgres");
const opensearch = await requireService("opensearch");
const elasticsearch = await requireService("elasticsearch");
const redisUrl = await requireService("redis_rest");

Deno.test({
  name: "health: Postgres, OpenSearch (both clients) and Redis all report up with latency",
  ignore: !pg || !opensearch || !elasticsearch || !redisUrl,
  fn: async () => {
    const metrics = createMetrics({ collectDefault: false });
    const sql = createSql({ kind: "url", url: pg!, poolMax: 1 });
    const os = createSearchClient("opensearch", { url: opensearch!, timeoutMs: 5000 });
    const es = createSearchClient("elasticsearch", { url: elasticsearch!, timeoutMs: 5000 });
    const redis = createRedis({ url: redisUrl!, token: redisRestToken() });
    try {
      const checks: DependencyCheck[] = [
        postgresHealthCheck(sql, "postgres"),
        { ...searchHealthCheck(os, metrics), name: "search-opensearch-client" },
        { ...searchHealthCheck(es, metrics), name: "search-elasticsearch-client" },
        redisHealthCheck(redis),
      ];
      const report = await checkHealth(checks, { timeoutMs: 5000 });
      for (const dep of report.dependencies) {
        assert.equal(dep.status, "up", `${dep.name}: ${dep.detail}`);
        assert.ok(dep.latency_ms >= 0);
      }
      assert.equal(report.ready, true);
      assert.match(report.dependencies[1]!.detail ?? "", /is (green|yellow)/);
      const gauge = await metrics.registry.getSingleMetricAsString("elasticsearch_cluster_health");
      assert.match(gauge, /elasticsearch_cluster_health [12]/);

      const { app } = await buildTestApp({
        health: {
          checks,
          timeoutMs: 5000,
          mode: "production",
          version: "test",
          startedAt: Date.now(),
          accepting: () => true,
        },
      });
      const response = await app.request("/health");
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.dependencies.length, 4);
      assert.equal((await app.request("/health/ready")).status, 200);
    } finally {
      await sql.end({ timeout: 1 });
      await closeSearchClient(os);
      await closeSearchClient(es);
    }
  },
});

Deno.test("health: an unreachable required dependency makes the service not ready", async () => {
  // A real refused connection on a closed loopback port, not a mock.
  const sql = createSql({ kind: "url", url: "postgres://u:p@127.0.0.1:1/none", poolMax: 1 });
  const redis = createRedis({ url: "http://127.0.0.1:1", token: "t" });
  try {
    const { app } = await buildTestApp({
      health: {
        checks: [postgresHealthCheck(sql, "postgres"), redisHealthCheck(redis)],
        timeoutMs: 1500,
        mode: "production",
        version: "test",
        startedAt: Date.now(),
        accepting: () => true,
      },
    });
    const response = await app.request("/health");
    assert.equal(response.status, 503);
    const body = await response.json();
    assert.equal(body.ready, false);
    assert.equal(body.status, "down");
    assert.ok(body.dependencies.every((d: { status: string }) => d.status === "down"));
    assert.equal((await app.request("/health/ready")).status, 503);
    assert.equal((await app.request("/health/live")).status, 200, "liveness ignores dependencies");
  } finally {
    await sql.end({ timeout: 1 });
  }
});

Deno.test("health: an optional dependency down only degrades", async () => {
  const redis = createRedis({ url: "http://127.0.0.1:1", token: "t" });
  const report = await checkHealth([
    { name: "always", kind: "test", required: true, check: () => Promise.resolve("fine") },
    redisHealthCheck(redis),
  ], { timeoutMs: 1500 });
  assert.equal(report.status, "degraded");
  assert.equal(report.ready, true);
});

Deno.test({
  name: "health: readiness answers down when shutdown begins while dependencies are checked",
  ignore: !pg,
  fn: async () => {
    const sql = createSql({ kind: "url", url: pg!, poolMax: 1 });
    const postgres = postgresHealthCheck(sql, "postgres");
    let accepting = true;
    try {
      const { app } = await buildTestApp({
        health: {
          // The real check; SIGTERM arrives while it is under way.
          checks: [{
            ...postgres,
            check: async (signal) => {
              const detail = await postgres.check(signal);
              accepting = false;
              return detail;
            },
          }],
          timeoutMs: 5000,
          mode: "production",
          version: "test",
          startedAt: Date.now(),
          accepting: () => accepting,
        },
      });
      const response = await app.request("/health/ready");
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { status: "down" });
    } finally {
      await sql.end({ timeout: 1 });
    }
  },
});
