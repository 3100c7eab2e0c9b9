/**
 * Live tails are bounded: per caller (429), per instance (503), and in
 * duration (a `reconnect` message, then the end of the stream), through the
 * real app on a store that finds nothing.
 */
import assert from "node:assert/strict";
import { createTailSlots } from "../../domain/logs/mod.ts";
import { authHeader } from "../support/tokens.ts";
import { buildLogApp, stubLogStore } from "./log_app.ts";
import { sseReader } from "./sse_reader.ts";

async function openTail(app: Awaited<ReturnType<typeof buildLogApp>>["app"], sub: string) {
  const response = await app.request("/api/v1/logs/tail?service=tailsvc", {
    headers: await authHeader("developer", { sub }),
  });
  return response;
}

Deno.test("live tails: per-caller 429 and per-instance 503 with Retry-After; a closed tail frees its slot", async () => {
  const slots = createTailSlots({ perCaller: 1, perInstance: 2 });
  const { app } = await buildLogApp(stubLogStore(), {
    tailPollMs: 50,
    tails: { slots, maxDurationMs: 60_000 },
  });
  const first = await openTail(app, "dev-a");
  assert.equal(first.status, 200);
  const firstReader = sseReader(first.body!);
  assert.equal((await firstReader.next(2000))?.event, "ready");

  const again = await openTail(app, "dev-a");
  assert.equal(again.status, 429);
  assert.equal(again.headers.get("content-type"), "application/problem+json");
  assert.ok(again.headers.get("retry-after"));
  assert.equal((await again.json()).code, "LOG_TAIL_LIMIT");

  const other = await openTail(app, "dev-b");
  assert.equal(other.status, 200);
  const otherReader = sseReader(other.body!);
  assert.equal((await otherReader.next(2000))?.event, "ready");

  const full = await openTail(app, "dev-c");
  assert.equal(full.status, 503);
  assert.ok(full.headers.get("retry-after"));
  assert.equal((await full.json()).code, "LOG_TAIL_CAPACITY");

  await firstReader.cancel();
  for (let i = 0; i < 50 && slots.open() > 1; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(slots.open(), 1, "the closed tail gave its slot back");
  const reopened = await openTail(app, "dev-a");
  assert.equal(reopened.status, 200);
  await sseReader(reopened.body!).cancel();
  await otherReader.cancel();
});

Deno.test("live tails: closed after the maximum duration with a reconnect message", async () => {
  const slots = createTailSlots({ perCaller: 2, perInstance: 10 });
  const { app } = await buildLogApp(stubLogStore(), {
    tailPollMs: 50,
    tails: { slots, maxDurationMs: 300 },
  });
  const started = Date.now();
  const response = await openTail(app, "dev-a");
  assert.equal(response.status, 200);
  const reader = sseReader(response.body!);
  assert.equal((await reader.next(2000))?.event, "ready");
  const reconnect = await reader.next(3000);
  assert.equal(reconnect?.event, "reconnect");
  assert.deepEqual(JSON.parse(reconnect!.data), { reason: "max_duration", max_duration_ms: 300 });
  assert.equal(await reader.next(2000), undefined, "the stream ends after the reconnect message");
  assert.ok(Date.now() - started >= 300);
  assert.equal(slots.open(), 0);
});
