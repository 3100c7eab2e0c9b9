import assert from "node:assert/strict";
import { isAppError } from "../domain/errors/mod.ts";
import { WorkerCrashedError } from "./errors.ts";
import { createWorkerPool, defaultPoolSize, type WorkerPool } from "./pool.ts";
import type { MaskTaskInput } from "./protocol.ts";

const TEST_WORKER = new URL("./crash_test_worker.ts", import.meta.url);
const encoder = new TextEncoder();

function command(text: string) {
  const input: MaskTaskInput = {
    payload: encoder.encode(text).buffer as ArrayBuffer,
    format: "text",
    shape: "value",
    masking: {},
  };
  return { kind: "mask" as const, input };
}

async function withPool(
  options: { size?: number; taskTimeoutMs?: number; maxQueue?: number },
  body: (pool: WorkerPool) => Promise<void>,
) {
  const pool = createWorkerPool({
    size: options.size ?? 1,
    taskTimeoutMs: options.taskTimeoutMs ?? 5_000,
    maxQueue: options.maxQueue ?? 10,
    workerUrl: TEST_WORKER,
  });
  try {
    await body(pool);
  } finally {
    await pool.shutdown({ graceMs: 0 });
  }
}

const text = (payload: ArrayBuffer) => new TextDecoder().decode(payload);

Deno.test("default size is cores − 1, at least 1", () => {
  assert.equal(defaultPoolSize(8), 7);
  assert.equal(defaultPoolSize(2), 1);
  assert.equal(defaultPoolSize(1), 1);
});

Deno.test("payloads are transferred to the worker, not copied", async () => {
  await withPool({}, async (pool) => {
    const task = command("hello");
    const output = await pool.run(task);
    assert.equal(task.input.payload.byteLength, 0, "the sender's buffer is detached");
    assert.equal(text(output.payload), "hello");
  });
});

Deno.test("a crashed worker fails its task cleanly and is replaced", async () => {
  await withPool({}, async (pool) => {
    await assert.rejects(pool.run(command("crash")), (error) => {
      assert.ok(error instanceof WorkerCrashedError);
      assert.equal(error.code, "INTERNAL");
      return true;
    });
    assert.equal(text((await pool.run(command("after crash"))).payload), "after crash");
    const stats = pool.stats();
    assert.equal(stats.crashed, 1);
    assert.equal(stats.completed, 1);
    assert.equal(stats.busy, 0);
  });
});

Deno.test("a task over its budget is timed out and its worker replaced", async () => {
  await withPool({ taskTimeoutMs: 300 }, async (pool) => {
    await assert.rejects(pool.run(command("spin")), (error) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, "TIMEOUT");
      assert.equal(error.status, 503);
      return true;
    });
    assert.equal(text((await pool.run(command("alive"))).payload), "alive");
    assert.equal(pool.stats().timedOut, 1);
  });
});

Deno.test("a full queue refuses work with OVERLOADED (503)", async () => {
  await withPool({ maxQueue: 1 }, async (pool) => {
    const running = pool.run(command("sleep:300"));
    const queued = pool.run(command("sleep:1"));
    await assert.rejects(pool.run(command("one too many")), (error) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, "OVERLOADED");
      assert.equal(error.status, 503);
      return true;
    });
    assert.equal(pool.stats().queued, 1);
    await Promise.all([running, queued]);
    assert.equal(pool.stats().rejected, 1);
  });
});

Deno.test("handler errors keep their AppError code", async () => {
  await withPool({}, async (pool) => {
    await assert.rejects(pool.run(command("fail")), (error) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, "VALIDATION_FAILED");
      return true;
    });
    assert.equal(pool.stats().failed, 1);
  });
});

Deno.test("aborting a queued task removes it", async () => {
  await withPool({}, async (pool) => {
    const running = pool.run(command("sleep:200"));
    const controller = new AbortController();
    const queued = pool.run(command("never runs"), { signal: controller.signal });
    controller.abort(new Error("client went away"));
    await assert.rejects(queued, /client went away/);
    assert.equal(pool.stats().queued, 0);
    await running;
  });
});

Deno.test("shutdown fails queued tasks, lets in-flight ones finish, then refuses work", async () => {
  const pool = createWorkerPool({
    size: 1,
    taskTimeoutMs: 5_000,
    maxQueue: 5,
    workerUrl: TEST_WORKER,
  });
  const inFlight = pool.run(command("sleep:200"));
  const queued = pool.run(command("queued"));
  const stopped = pool.shutdown({ graceMs: 2_000 });
  await assert.rejects(
    queued,
    (error) => isAppError(error) && error.code === "SERVICE_UNAVAILABLE",
  );
  assert.equal(text((await inFlight).payload), "sleep:200");
  await stopped;
  await assert.rejects(
    pool.run(command("late")),
    (error) => isAppError(error) && error.status === 503,
  );
});

Deno.test("shutdown gives up on in-flight tasks after the grace period", async () => {
  const pool = createWorkerPool({
    size: 1,
    taskTimeoutMs: 60_000,
    maxQueue: 5,
    workerUrl: TEST_WORKER,
  });
  const stuck = pool.run(command("spin"));
  const started = performance.now();
  await pool.shutdown({ graceMs: 200 });
  await assert.rejects(stuck, (error) => isAppError(error) && error.code === "SERVICE_UNAVAILABLE");
  assert.ok(performance.now() - started < 5_000);
});
