import assert from "node:assert/strict";
import { circuitBreaker, ConsecutiveBreaker, handleAll } from "cockatiel";
import { createBreakerWatch } from "../domain/alerts/mod.ts";
import { watchBreaker } from "./critical_sources.ts";

Deno.test("a real cockatiel breaker reports open, half-open and closed to the breaker watch", async () => {
  // The watch is given no alert deps: only its bookkeeping is under test here (raising the
  // alert is tested in tests/alerts/critical_errors_test.ts).
  const watch = createBreakerWatch(
    { alerts: undefined as never, source: "test", now: () => new Date() },
    { openAlertAfterMs: 60_000 },
  );
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: 50,
    breaker: new ConsecutiveBreaker(1),
  });
  const stop = watchBreaker("elasticsearch:primary", breaker, { breakers: watch });
  assert.equal(watch.openSince().size, 0);
  await breaker.execute(() => Promise.reject(new Error("down"))).catch(() => {});
  assert.ok(watch.openSince().has("elasticsearch:primary"));
  const since = watch.openSince().get("elasticsearch:primary");
  await new Promise((resolve) => setTimeout(resolve, 80));
  await breaker.execute(() => Promise.resolve("up")); // half-open probe succeeds: closed
  assert.equal(watch.openSince().size, 0);
  assert.ok(since instanceof Date);
  stop();
});
