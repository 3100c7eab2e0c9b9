/**
 * The search engine goes down for real and comes back: a short-lived
 * OpenSearch node of this test's own (the shared node is left alone) is
 * stopped and started again, behind the fault proxy that counts what
 * reaches it. The breaker opens after the configured failures; while it is
 * open nothing reaches the engine; a cached query answers `stale` in under
 * 100 ms and an uncached one a 503 with `Retry-After` in under 2 s; one probe
 * goes through per half-open interval; the breaker closes once the node is
 * back. Audit appends are unaffected throughout.
 */
import assert from "node:assert/strict";
import { composeTestService, engineNamespace } from "../support/composed_service.ts";
import { startFaultProxy } from "../support/fault_proxy.ts";
import { openSearchLauncher, startOpenSearchNode } from "../support/opensearch_node.ts";
import { requireService } from "../support/services.ts";

const postgres = await requireService("postgres");
const launcher = postgres ? openSearchLauncher() : undefined;

const HALF_OPEN_MS = 1_500;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const RANGE = `from=${minutesAgo(30)}&to=${minutesAgo(2)}`;
const CACHED = `/api/v1/logs/search?service=checkout&${RANGE}`;
const UNCACHED = () => `/api/v1/logs/search?q=${crypto.randomUUID().slice(0, 8)}&${RANGE}`;

async function timed(run: () => Promise<Response>) {
  const started = performance.now();
  const response = await run();
  const body = await response.json();
  return { response, body, ms: performance.now() - started };
}

Deno.test({
  name:
    "engine down and back: breaker, stale answers, 503 with Retry-After, probes, audit unaffected",
  ignore: !launcher,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const node = await startOpenSearchNode(launcher!);
    const proxy = await startFaultProxy(node.url);
    const ns = await engineNamespace(node.url);
    const svc = await composeTestService(postgres!, {
      ELASTICSEARCH_URL: proxy.url,
      LOG_NAMESPACE: ns.namespace,
      ELASTICSEARCH_TIMEOUT_MS: "1000",
      ELASTICSEARCH_DEADLINE_MS: "3000",
      ELASTICSEARCH_RETRIES: "1",
      ELASTICSEARCH_RETRY_BASE_MS: "20",
      ELASTICSEARCH_BREAKER_FAILURES: "3",
      ELASTICSEARCH_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
      // Cached answers expire within a second, so what follows is served stale.
      CACHE_SETTLED_TTL_SECONDS: "1",
    });
    const breaker = () =>
      svc.composed.breakers.list().find((b) => b.dependency === "search:primary")!;
    try {
      const events = [1, 2, 3].map((i) => ({
        "event.id": `down-${i}`,
        "@timestamp": minutesAgo(10 + i),
        "service.name": "checkout",
        message: `payment ${i} settled`,
      }));
      const ingested = await svc.call("/api/v1/logs", {
        role: "service",
        method: "POST",
        body: events,
      });
      assert.equal((await ingested.json()).created, 3);
      await svc.composed.deps.logs!.store.refresh();
      const cached = await timed(() => svc.call(CACHED));
      assert.deepEqual([cached.response.status, cached.body.cache, cached.body.items.length], [
        200,
        "miss",
        3,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // now expired

      await node.stop();
      // Failures until the breaker opens: each a 503 with Retry-After, each in under 2 s.
      for (let i = 0; i < 5 && breaker().state() !== "open"; i++) {
        const failed = await timed(() => svc.call(UNCACHED()));
        assert.equal(failed.response.status, 503);
        assert.equal(failed.body.code, "SEARCH_UNAVAILABLE");
        assert.ok(Number(failed.response.headers.get("retry-after")) >= 1);
        assert.ok(failed.ms < 2_000, `${failed.ms} ms`);
      }
      assert.equal(breaker().state(), "open");
      const health = await (await svc.call("/health")).json();
      assert.ok(
        health.breakers.some((b: { dependency: string; state: string }) =>
          b.dependency === "search:primary" && b.state === "open"
        ),
      );

      // Open: nothing reaches the engine; stale fast; uncached 503 fast.
      proxy.resetCounts();
      const stale = await timed(() => svc.call(CACHED));
      assert.deepEqual([stale.response.status, stale.body.cache, stale.body.items.length], [
        200,
        "stale",
        3,
      ]);
      assert.ok(stale.ms < 100, `stale answer took ${stale.ms} ms`);
      assert.ok(Number(stale.response.headers.get("age")) >= 1, "Age says how old it is");
      const refused = await timed(() => svc.call(UNCACHED()));
      assert.equal(refused.response.status, 503);
      const retryAfter = Number(refused.response.headers.get("retry-after"));
      assert.ok(
        retryAfter >= 1 && retryAfter <= Math.ceil(HALF_OPEN_MS / 1000),
        String(retryAfter),
      );
      assert.ok(refused.ms < 2_000);
      assert.deepEqual([proxy.connections, proxy.requests], [0, 0], "no request while open");

      // Audit appends do not depend on the engine.
      const appended = await svc.call("/api/v1/audit/events", {
        role: "service",
        method: "POST",
        body: {
          occurred_at: new Date().toISOString(),
          actor: { id: "u-1", type: "user" },
          action: "document.read",
          action_type: "read",
          resource: { type: "document", id: "d-1" },
          outcome: "success",
        },
      });
      assert.equal(appended.status, 201);

      // Half-open: one probe per interval, however many requests arrive.
      const probing = performance.now();
      while (performance.now() - probing < 2 * HALF_OPEN_MS + 300) {
        const answer = await svc.call(UNCACHED());
        await answer.body?.cancel();
        assert.equal(answer.status, 503);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const intervals = Math.ceil((performance.now() - probing) / HALF_OPEN_MS);
      assert.ok(
        proxy.connections >= 1 && proxy.connections <= intervals,
        `${proxy.connections} probes in ${intervals} intervals`,
      );

      // Back: the next probe succeeds and the breaker closes.
      await node.start();
      const until = performance.now() + 15_000;
      let back;
      do {
        await new Promise((resolve) => setTimeout(resolve, 200));
        back = await timed(() => svc.call(UNCACHED()));
      } while (back.response.status !== 200 && performance.now() < until);
      assert.equal(back.response.status, 200);
      assert.equal(breaker().state(), "closed");
      const fresh = await timed(() => svc.call(CACHED));
      assert.deepEqual([fresh.response.status, fresh.body.items.length], [200, 3]);
      assert.notEqual(fresh.body.cache, "stale");
    } finally {
      await svc.close();
      await ns.drop().catch(() => {});
      await proxy.close();
      await node.close();
    }
  },
});
