import assert from "node:assert/strict";
import { AppError } from "../errors/mod.ts";
import { parseIngestBody } from "./ingest_body.ts";
import { ingestLogs } from "./ingest_logs.ts";
import type { LogEvent } from "./log_event.ts";
import type { LogStore } from "./ports.ts";

function memoryStore() {
  const writes: LogEvent[][] = [];
  const stored = new Set<string>();
  const store = {
    ingest(events: readonly LogEvent[]) {
      writes.push([...events]);
      return Promise.resolve(events.map((e) => {
        if (stored.has(e["event.id"])) return { status: "duplicate" as const };
        stored.add(e["event.id"]);
        return { status: "created" as const };
      }));
    },
  } as unknown as LogStore;
  return { store, writes };
}

const deps = (store: LogStore, maskEvent = (e: LogEvent) => e) => ({
  store,
  maskEvent,
  newId: () => crypto.randomUUID(),
  now: () => new Date("2026-11-27T12:00:00Z"),
});

const utf8 = (text: string) => new TextEncoder().encode(text);

Deno.test("ingestLogs: per-item results in order; repeats of an id are duplicates", async () => {
  const { store } = memoryStore();
  const { items } = parseIngestBody(
    utf8(
      [
        { "event.id": "a", "service.name": "s", message: "one" },
        { "service.name": "s" },
        { "event.id": "a", "service.name": "s", message: "again" },
        { "event.id": "b", "service.name": "s", message: "two", "log.level": "error" },
      ].map((e) => JSON.stringify(e)).join("\n") + "\n{oops",
    ),
    "ndjson",
    10,
  );
  const report = await ingestLogs(deps(store), items);
  assert.deepEqual(report.items.map((i) => i.status), [
    "created",
    "rejected",
    "duplicate",
    "created",
    "rejected",
  ]);
  assert.equal(report.items[3]!.category, "error");
  assert.deepEqual([report.created, report.duplicates, report.rejected, report.failed], [
    2,
    1,
    2,
    0,
  ]);
});

Deno.test("ingestLogs: large batches are written as a pipeline of chunks", async () => {
  const { store, writes } = memoryStore();
  const items = Array.from({ length: 1203 }, (_, i) => ({
    ok: true as const,
    value: { "event.id": `e${i}`, "service.name": "s", message: `m${i}` },
  }));
  const report = await ingestLogs(deps(store), items);
  assert.equal(report.created, 1203);
  assert.deepEqual(writes.map((w) => w.length), [500, 500, 203]);
});

Deno.test("ingestLogs: masking never changes the fields that identify and route an event", async () => {
  const { store, writes } = memoryStore();
  const scramble = (e: LogEvent) =>
    Object.fromEntries(
      Object.entries(e).map(([k, v]) => [k, typeof v === "string" ? "***" : v]),
    ) as unknown as LogEvent;
  await ingestLogs(deps(store, scramble), [{
    ok: true,
    value: { "event.id": "id-1", "service.name": "s", message: "secret" },
  }]);
  const [event] = writes[0]!;
  assert.equal(event!.message, "***");
  assert.equal(event!["event.id"], "id-1");
  assert.equal(event!["service.name"], "s");
  assert.equal(event!["@timestamp"], "2026-11-27T12:00:00.000Z");
});

Deno.test("ingestLogs: nothing valid → every item rejected with its code, nothing written", async () => {
  const { store, writes } = memoryStore();
  const report = await ingestLogs(deps(store), [{ ok: true, value: { message: "x" } }, {
    ok: false,
    code: "MALFORMED_JSON",
    errors: [{ path: "", message: "bad" }],
  }]);
  assert.deepEqual(report.items.map((i) => [i.status, i.code]), [
    ["rejected", "LOG_EVENT_INVALID"],
    ["rejected", "MALFORMED_JSON"],
  ]);
  assert.equal(report.rejected, 2);
  assert.deepEqual(writes, []);
  assert.throws(() => parseIngestBody(utf8("42"), "json", 10), AppError);
  assert.throws(() => parseIngestBody(utf8("[{},{}]"), "json", 1), /at most 1 events/);
});

Deno.test("ingestLogs: at most two writes at once; a failed write fails the batch", async () => {
  let active = 0;
  let most = 0;
  let calls = 0;
  const slow = {
    async ingest(events: readonly LogEvent[]) {
      calls++;
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return events.map(() => ({ status: "created" as const }));
    },
  } as unknown as LogStore;
  const items = Array.from({ length: 2100 }, (_, i) => ({
    ok: true as const,
    value: { "event.id": `e-${i}`, "service.name": "s", message: "m" },
  }));
  const report = await ingestLogs(deps(slow), items);
  assert.equal(report.created, 2100);
  assert.equal(calls, 5);
  assert.equal(most, 2);

  const failing = {
    ingest: () => Promise.reject(new AppError("LOG_STORE_UNAVAILABLE")),
  } as unknown as LogStore;
  await assert.rejects(
    ingestLogs(deps(failing), items),
    (e) => e instanceof AppError && e.code === "LOG_STORE_UNAVAILABLE",
  );
});

Deno.test("ingestLogs: a chunk the store refuses is failed item by item; stored ones stay created", async () => {
  let calls = 0;
  const store = {
    visibilityLagMs: 0,
    ingest(events: readonly LogEvent[]) {
      calls++;
      if (calls === 2) {
        return Promise.reject(new AppError("LOG_STORE_UNAVAILABLE", { detail: "engine down" }));
      }
      return Promise.resolve(events.map(() => ({ status: "created" as const })));
    },
  } as unknown as LogStore;
  const invalidated: string[][] = [];
  const cache = {
    read: () => Promise.reject(new Error("not used")),
    invalidate: (tags: readonly string[]) => {
      invalidated.push([...tags]);
      return Promise.resolve();
    },
    deleteMatching: () => Promise.reject(new Error("not used")),
  };
  const items = Array.from({ length: 1_200 }, (_, i) => ({
    ok: true as const,
    value: { "event.id": `e-${i}`, "service.name": i < 500 ? "first" : "second", message: "m" },
  }));
  const report = await ingestLogs({ ...deps(store), cache }, items);
  assert.deepEqual([report.created, report.failed], [700, 500]);
  assert.deepEqual(
    report.items.slice(498, 502).map((r) => [r.status, r.reason]),
    [["created", undefined], ["created", undefined], ["failed", "engine down"], [
      "failed",
      "engine down",
    ]],
  );
  // What was stored is invalidated: its services and the category's "any service" tag.
  assert.deepEqual(invalidated.flat().sort(), [
    "logs:app:*:20261127",
    "logs:app:first:20261127",
    "logs:app:second:20261127",
  ]);
});
