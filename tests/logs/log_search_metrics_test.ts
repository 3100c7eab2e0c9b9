/** The S13 log-search metrics move when searches run and when the store fails. */
import assert from "node:assert/strict";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { instrumentLogStore } from "../../infra/metrics/instrumented_log_store.ts";
import { authHeader } from "../support/tokens.ts";
import { buildLogApp, stubLogStore } from "./log_app.ts";

let failSearches = false;
const store = stubLogStore({
  engine: "opensearch",
  search: () =>
    failSearches
      ? Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9200"))
      : Promise.resolve({ events: [], total: { value: 0, relation: "eq" as const } }),
});

Deno.test("log search metrics: requests, durations, store timings and store failures", async () => {
  const metrics = createMetrics({ collectDefault: false });
  const { app } = await buildLogApp(instrumentLogStore(store, metrics), { metrics });
  const headers = await authHeader("admin", { sub: "ops-1" });

  const ok = await app.request("/api/v1/logs/search?q=timeout", { headers });
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
  failSearches = true;
  const failed = await app.request("/api/v1/logs/search?q=timeout", { headers });
  assert.ok(failed.status >= 500, `a store failure is a 5xx problem, got ${failed.status}`);
  await failed.body?.cancel();
  failSearches = false;

  const text = await metrics.registry.metrics();
  assert.match(text, /log_search_requests_total\{route="\/api\/v1\/logs\/search",status="200"\} 1/);
  assert.match(text, /log_search_duration_seconds_count\{route="\/api\/v1\/logs\/search"\} 2/);
  assert.match(text, /active_log_searches 0/);
  assert.match(
    text,
    /elasticsearch_query_duration_seconds_count\{engine="opensearch",operation="search"\} 2/,
  );
  assert.match(
    text,
    /elasticsearch_connection_errors_total\{engine="opensearch",operation="search"\} 1/,
  );
});
