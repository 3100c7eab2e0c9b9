/**
 * Faults of the search engine caused for real by the fault proxy in front of
 * the shared OpenSearch node (which itself is never touched): a slow engine
 * (the deadline holds, attempts stay bounded, a 400 is never retried), a
 * full bulkhead (503 `OVERLOADED` with Retry-After), and a blackholed primary
 * with a fallback cluster configured (searches answer from the fallback and
 * say so; ingest is refused with a 503 and nothing goes to the fallback).
 */
import assert from "node:assert/strict";
import { AppError } from "../../domain/errors/mod.ts";
import {
  composeTestService,
  engineNamespace,
  metricValue,
  type ServiceUnderTest,
} from "../support/composed_service.ts";
import { startFaultProxy } from "../support/fault_proxy.ts";
import { requireService } from "../support/services.ts";

const postgres = await requireService("postgres");
const opensearch = await requireService("opensearch");
const ready = !!postgres && !!opensearch;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const uncached = () =>
  `/api/v1/logs/search?q=${crypto.randomUUID().slice(0, 8)}&from=${minutesAgo(30)}&to=${
    minutesAgo(2)
  }`;

async function seed(svc: ServiceUnderTest) {
  const events = [1, 2].map((i) => ({
    "event.id": `f-${i}`,
    "@timestamp": minutesAgo(10 + i),
    "service.name": "checkout",
    message: `refund ${i} issued`,
  }));
  const response = await svc.call("/api/v1/logs", {
    role: "service",
    method: "POST",
    body: events,
  });
  assert.equal((await response.json()).created, 2);
  await svc.composed.deps.logs!.store.refresh();
}

Deno.test({
  name:
    "engine slow: the deadline holds, attempts are bounded, a 400 is never retried, the bulkhead sheds",
  ignore: !ready,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const proxy = await startFaultProxy(opensearch!);
    const ns = await engineNamespace(opensearch!);
    const svc = await composeTestService(postgres!, {
      ELASTICSEARCH_URL: proxy.url,
      LOG_NAMESPACE: ns.namespace,
      ELASTICSEARCH_TIMEOUT_MS: "300",
      ELASTICSEARCH_DEADLINE_MS: "1000",
      ELASTICSEARCH_RETRIES: "2",
      ELASTICSEARCH_RETRY_BASE_MS: "20",
      ELASTICSEARCH_BREAKER_FAILURES: "1000",
      SEARCH_MAX_CONCURRENT: "1",
      SEARCH_MAX_QUEUED: "0",
    });
    try {
      await seed(svc);

      proxy.set("delay", { delayMs: 800 });
      proxy.resetCounts();
      const started = performance.now();
      const slow = await svc.call(uncached());
      const took = performance.now() - started;
      assert.equal(slow.status, 503);
      assert.equal((await slow.json()).code, "SEARCH_UNAVAILABLE");
      assert.ok(slow.headers.get("retry-after"));
      assert.ok(took < 1_000 + 250, `the 1 s deadline held: ${Math.round(took)} ms`);
      assert.ok(
        proxy.requests >= 2 && proxy.requests <= 3,
        `${proxy.requests} attempts, ${proxy.connections} connections, ${Math.round(took)} ms`,
      );
      assert.ok(await metricValue(svc.metrics, "elasticsearch_retries_total") >= 1);

      // One search in progress, no queue: a second one at the same time is shed.
      const [first, second] = await Promise.all([svc.call(uncached()), svc.call(uncached())]);
      const statuses = [first.status, second.status].sort();
      const shed = first.status === 503 && (await first.clone().json()).code === "OVERLOADED"
        ? first
        : second;
      assert.deepEqual(statuses, [503, 503]);
      assert.equal((await shed.json()).code, "OVERLOADED");
      assert.equal(shed.headers.get("retry-after"), "1");
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the slow one's attempts end

      // A query the engine refuses with 400 goes to the engine once, never again.
      proxy.set("pass");
      proxy.resetCounts();
      const store = svc.composed.deps.logs!.store;
      await assert.rejects(
        store.search({
          filter: { from: new Date(Date.now() - 3_600_000), to: new Date(), categories: ["app"] },
          order: "newest",
          size: 50_000, // beyond index.max_result_window: a 400 from the engine
          totalBound: 0,
        }),
        (error) => !(error instanceof AppError && error.status === 503),
      );
      assert.equal(proxy.requests, 1, "not retried");
    } finally {
      await svc.close();
      await ns.drop();
      await proxy.close();
    }
  },
});

Deno.test({
  name:
    "fallback: with the primary blackholed, searches answer from the fallback; ingest gets a 503",
  ignore: !ready,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const primary = await startFaultProxy(opensearch!);
    const fallback = await startFaultProxy(opensearch!);
    const ns = await engineNamespace(opensearch!);
    const svc = await composeTestService(postgres!, {
      ELASTICSEARCH_URL: primary.url,
      ELASTICSEARCH_FALLBACK_URL: fallback.url,
      LOG_NAMESPACE: ns.namespace,
      ELASTICSEARCH_TIMEOUT_MS: "300",
      ELASTICSEARCH_DEADLINE_MS: "3000",
      ELASTICSEARCH_RETRIES: "1",
      ELASTICSEARCH_RETRY_BASE_MS: "20",
      ELASTICSEARCH_BREAKER_FAILURES: "2",
      ELASTICSEARCH_BREAKER_HALF_OPEN_MS: "60000",
    });
    try {
      await seed(svc);
      primary.set("blackhole");
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        const answer = await svc.call(`${uncached()}&q=refund`.replace(/q=[^&]+&/, ""));
        const body = await answer.json();
        assert.equal(answer.status, 200, JSON.stringify(body));
        assert.equal(answer.headers.get("x-search-origin"), "fallback");
        assert.equal(body.items.length, 2);
        if (i === 1) {
          assert.ok(performance.now() - started < 300, "the open breaker skips the primary");
        }
      }
      const primaryBreaker = svc.composed.breakers.list().find((b) =>
        b.dependency === "search:primary"
      );
      assert.equal(primaryBreaker?.state(), "open");

      fallback.resetCounts();
      const ingest = await svc.call("/api/v1/logs", {
        role: "service",
        method: "POST",
        body: [{ "event.id": "f-9", "service.name": "checkout", message: "late refund" }],
      });
      assert.equal(ingest.status, 503);
      assert.equal((await ingest.json()).code, "LOG_STORE_UNAVAILABLE");
      assert.ok(Number(ingest.headers.get("retry-after")) >= 1);
      assert.equal(fallback.requests, 0, "ingest never goes to the fallback");
    } finally {
      await svc.close();
      await ns.drop();
      await primary.close();
      await fallback.close();
    }
  },
});
