import assert from "node:assert/strict";
import { BrokenCircuitError } from "cockatiel";
import type { BreakerStateChange } from "../../domain/resilience/mod.ts";
import { createBreakerRegistry } from "./circuit_breakers.ts";
import { fullJitterDelay, withRetries } from "./retry.ts";

const fail = () => Promise.reject(new Error("down"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("breaker: opens after the failures, one probe when half-open, closes on success", async () => {
  const registry = createBreakerRegistry();
  const changes: BreakerStateChange[] = [];
  registry.subscribe((change) => changes.push(change));
  const breaker = registry.create("search:primary", {
    failures: 2,
    halfOpenMs: 50,
    countsAsFailure: (e) => e instanceof Error && e.message === "down",
  });
  await assert.rejects(breaker.execute(() => Promise.reject(new Error("bad request"))));
  assert.equal(breaker.state(), "closed", "errors that are not failures do not count");
  await assert.rejects(breaker.execute(fail));
  await assert.rejects(breaker.execute(fail));
  assert.equal(breaker.state(), "open");
  assert.ok(breaker.probeAt()! > Date.now());
  await assert.rejects(breaker.execute(() => Promise.resolve(1)), BrokenCircuitError);

  await sleep(60);
  let release!: () => void;
  const probe = breaker.execute(() =>
    new Promise<number>((resolve) => (release = () => resolve(7)))
  );
  await assert.rejects(breaker.execute(() => Promise.resolve(1)), BrokenCircuitError, "one probe");
  release();
  assert.equal(await probe, 7);
  assert.equal(breaker.state(), "closed");
  assert.deepEqual(changes.map((c) => `${c.from}→${c.to}`), [
    "closed→open",
    "open→half_open",
    "half_open→closed",
  ]);
  assert.deepEqual(registry.list().map((b) => b.dependency), ["search:primary"]);
});

Deno.test("retries: full jitter within the cap; only retryable errors; bounded", async () => {
  assert.equal(fullJitterDelay(1, { baseMs: 100, maxMs: 1_000 }, () => 0.999), 99);
  assert.equal(fullJitterDelay(5, { baseMs: 100, maxMs: 1_000 }, () => 0.999), 999);
  assert.equal(fullJitterDelay(3, { baseMs: 100, maxMs: 1_000 }, () => 0), 0);

  let attempts = 0;
  await assert.rejects(
    withRetries(() => (attempts++, fail()), {
      policy: { retries: 3, baseMs: 1, maxMs: 2 },
      retryable: () => true,
    }),
  );
  assert.equal(attempts, 4);
  attempts = 0;
  await assert.rejects(
    withRetries(() => (attempts++, fail()), {
      policy: { retries: 3, baseMs: 1, maxMs: 2 },
      retryable: () => false,
    }),
  );
  assert.equal(attempts, 1, "a non-retryable failure is final");
  attempts = 0;
  await assert.rejects(
    withRetries(() => (attempts++, sleep(30).then(fail)), {
      policy: { retries: 10, baseMs: 1, maxMs: 2 },
      retryable: () => true,
      deadline: performance.now() + 50,
    }),
  );
  assert.ok(attempts <= 2, `the deadline bounds attempts (${attempts})`);
});
