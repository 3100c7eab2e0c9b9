import assert from "node:assert/strict";
import { parseLogEvent } from "./event_parser.ts";

const now = new Date("2026-11-27T12:00:00.000Z");
const ctx = { now, newId: () => "generated-id" };

Deno.test("parseLogEvent: dotted and nested ECS read the same", () => {
  const dotted = parseLogEvent({
    "@timestamp": "2026-11-27T11:59:00.123456Z",
    "service.name": "checkout",
    "log.level": "WARNING",
    message: "slow",
    "http.response.status_code": "503",
    "http.request.method": "get",
  }, ctx);
  const nested = parseLogEvent({
    "@timestamp": "2026-11-27T11:59:00.123Z",
    service: { name: "checkout" },
    log: { level: "warn" },
    message: "slow",
    http: { response: { status_code: 503 }, request: { method: "GET" } },
  }, ctx);
  assert.ok(dotted.ok && nested.ok);
  assert.deepEqual(dotted.event, nested.event);
  assert.equal(dotted.event["@timestamp"], "2026-11-27T11:59:00.123Z");
  assert.equal(dotted.event["event.id"], "generated-id");
  assert.equal(dotted.event["event.ingested"], now.toISOString());
  assert.equal(dotted.event["event.category"], "app");
});

Deno.test("parseLogEvent: error levels go to the error stream unless a category is given", () => {
  const error = parseLogEvent({ "service.name": "a", message: "m", "log.level": "fatal" }, ctx);
  const security = parseLogEvent({
    "service.name": "a",
    message: "m",
    "log.level": "error",
    event: { category: "security" },
  }, ctx);
  assert.ok(error.ok && security.ok);
  assert.equal(error.event["event.category"], "error");
  assert.equal(security.event["event.category"], "security");
});

Deno.test("parseLogEvent: unknown fields are kept under attributes, not mapped", () => {
  const parsed = parseLogEvent({
    "service.name": "a",
    message: "m",
    "ecs.version": "8.11",
    process: { pid: 42 },
    log: { level: "info", logger: "app.main" },
    attributes: { order: { id: 7 } },
  }, ctx);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.event.attributes, {
    "ecs.version": "8.11",
    process: { pid: 42 },
    "log.logger": "app.main",
    order: { id: 7 },
  });
});

Deno.test("parseLogEvent: each problem is reported with its field", () => {
  const parsed = parseLogEvent({
    "service.name": "Checkout Service",
    "@timestamp": "2020-01-01T00:00:00Z",
    "log.level": "loud",
    "event.id": "has space",
    labels: { "a.b": "x" },
    "http.response.status_code": 99,
  }, ctx);
  assert.ok(!parsed.ok);
  assert.deepEqual(parsed.errors.map((e) => e.path).sort(), [
    "@timestamp",
    "event.id",
    "http.response.status_code",
    "labels.a.b",
    "log.level",
    "message",
    "service.name",
  ]);
});

Deno.test("parseLogEvent: bounded sizes", () => {
  const big = parseLogEvent({ "service.name": "a", message: "x".repeat(40_000) }, ctx);
  assert.ok(!big.ok);
  const deep = parseLogEvent({
    "service.name": "a",
    message: "m",
    attributes: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } },
  }, ctx);
  assert.ok(!deep.ok);
  const future = parseLogEvent({
    "service.name": "a",
    message: "m",
    "@timestamp": new Date(now.getTime() + 3_600_000).toISOString(),
  }, ctx);
  assert.ok(!future.ok);
  assert.ok(!parseLogEvent([1, 2], ctx).ok);
});

Deno.test("parseLogEvent: events older than their category's retention are refused", () => {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const parse = (category: string, days: number) =>
    parseLogEvent({
      "service.name": "a",
      message: "m",
      "event.category": category,
      "@timestamp": daysAgo(days),
    }, ctx);
  assert.ok(parse("app", 30).ok);
  const oldApp = parse("app", 31);
  assert.ok(!oldApp.ok);
  assert.deepEqual(oldApp.errors, [
    { path: "@timestamp", message: "is older than the 30-day retention of app events" },
  ]);
  assert.ok(parse("error", 89).ok);
  assert.ok(!parse("error", 91).ok);
  assert.ok(parse("security", 364).ok);
  assert.ok(!parse("security", 366).ok);
});
