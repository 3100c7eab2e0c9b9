/**
 * Redis never hurts a request: with the fault proxy in front of the Redis
 * REST front, Redis blackholed (calls hang) or stopped (connections refused),
 * every search still answers — within the store's time plus 100 ms — while
 * the failures are counted, Redis's breaker opens and Redis is skipped; once
 * Redis is back, the breaker closes again.
 */
import assert from "node:assert/strict";
import {
  composeTestService,
  metricValue,
  type ServiceUnderTest,
} from "../support/composed_service.ts";
import { startFaultProxy } from "../support/fault_proxy.ts";
import { redisRestToken, requireService } from "../support/services.ts";

const postgres = await requireService("postgres");
const redisUrl = await requireService("redis_rest");

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function timedSearch(svc: ServiceUnderTest): Promise<number> {
  const query = `q=${crypto.randomUUID().slice(0, 8)}+OR+checkout&from=${minutesAgo(30)}&to=${
    minutesAgo(2)
  }`;
  const started = performance.now();
  const response = await svc.call(`/api/v1/logs/search?${query}`);
  const body = await response.json();
  const ms = performance.now() - started;
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.cache, "miss");
  return ms;
}

Deno.test({
  name:
    "Redis blackholed or stopped: searches answer within the store's time + 100 ms, errors counted",
  ignore: !postgres || !redisUrl,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const proxy = await startFaultProxy(redisUrl!);
    const svc = await composeTestService(postgres!, {
      REDIS_REST_URL: proxy.url,
      REDIS_REST_TOKEN: redisRestToken(),
      REDIS_TIMEOUT_MS: "50",
      REDIS_BREAKER_FAILURES: "5",
      REDIS_BREAKER_HALF_OPEN_MS: "1000",
    });
    const breaker = () => svc.composed.breakers.list().find((b) => b.dependency === "redis")!;
    try {
      const events = [1, 2, 3].map((i) => ({
        "event.id": `r-${i}`,
        "@timestamp": minutesAgo(10 + i),
        "service.name": "checkout",
        message: `checkout ${i}`,
      }));
      await svc.call("/api/v1/logs", { role: "service", method: "POST", body: events });
      // The store's time: uncached searches with Redis healthy (their Redis calls included).
      const healthy: number[] = [];
      for (let i = 0; i < 8; i++) healthy.push(await timedSearch(svc));
      const storeTime = Math.max(...healthy);

      for (const fault of ["blackhole", "stopped"] as const) {
        const errorsBefore = await metricValue(svc.metrics, "cache_errors_total", '{tier="redis"}');
        if (fault === "blackhole") proxy.set("blackhole");
        else await proxy.stop();
        const during: number[] = [];
        for (let i = 0; i < 8; i++) during.push(await timedSearch(svc));
        assert.ok(
          during.every((ms) => ms <= storeTime + 100),
          `${fault}: ${during.map(Math.round)} ms vs store ${Math.round(storeTime)} ms`,
        );
        const errors = await metricValue(svc.metrics, "cache_errors_total", '{tier="redis"}');
        assert.ok(errors - errorsBefore >= 1, `${fault}: Redis failures counted`);
        assert.equal(breaker().state(), "open", `${fault}: Redis is skipped`);
        // Back to health, and past the half-open delay: the probe succeeds.
        proxy.set("pass");
        await proxy.start();
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        await timedSearch(svc);
        // The probe may be a background read of the generations: give it its round trip.
        for (let i = 0; i < 50 && breaker().state() !== "closed"; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        assert.equal(breaker().state(), "closed", `${fault}: Redis is used again`);
      }
    } finally {
      await svc.close();
      await proxy.close();
    }
  },
});
