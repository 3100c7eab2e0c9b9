/**
 * Injection and bounds over HTTP: every hostile or oversized input is a 400
 * (or 413/415) problem with a code, and the store is never called.
 */
import assert from "node:assert/strict";
import type { LogStore, StoreSearchRequest } from "../../domain/logs/mod.ts";
import { authHeader } from "../support/tokens.ts";
import { buildLogApp } from "./log_app.ts";

/** A store that records calls and answers one full page. */
function spyStore() {
  const calls: string[] = [];
  const store: LogStore = {
    engine: "postgres",
    visibilityLagMs: 0,
    ingest(events) {
      calls.push("ingest");
      return Promise.resolve(events.map(() => ({ status: "created" as const })));
    },
    search(request: StoreSearchRequest) {
      calls.push("search");
      return Promise.resolve({
        events: [],
        total: { value: 0, relation: "eq" as const },
        ...(request.filter.traceId === "more" ? { next: [Date.now(), "x"] } : {}),
      });
    },
    countGroups() {
      return Promise.resolve([]);
    },
    errorGroups() {
      calls.push("errorGroups");
      return Promise.resolve([]);
    },
    releaseSnapshot: () => Promise.resolve(),
    refresh: () => Promise.resolve(),
  };
  return { store, calls };
}

const { store, calls } = spyStore();
const { app } = await buildLogApp(store, { ingestMaxEvents: 10 });
const admin = await authHeader("admin", { sub: "admin-1" });
const analyst = await authHeader("security_analyst", { sub: "analyst-1" });
const shipper = await authHeader("service", { sub: "svc-1" });

async function expectRefused(path: string, status: number, code: string, init: RequestInit = {}) {
  calls.length = 0;
  const response = await app.request(path, { ...init, headers: { ...admin, ...init.headers } });
  const body = await response.text();
  assert.equal(response.status, status, `${path}: ${body}`);
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  assert.equal(JSON.parse(body).code, code, `${path}: ${body}`);
  assert.deepEqual(calls, [], `${path}: the store must not be called`);
}

const q = (text: string) => `/api/v1/logs/search?q=${encodeURIComponent(text)}`;
const HOSTILE_QUERIES: [string, string][] = [
  ["*error", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["service:*", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["/.*admin.*/", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ['{"script":{"source":"Math.random()"}}', "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["script:boom", "LOG_FIELD_NOT_ALLOWED"],
  ["_index:logs-security-default", "LOG_FIELD_NOT_ALLOWED"],
  ["attributes.password:hunter2", "LOG_FIELD_NOT_ALLOWED"],
  ["error~2", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["status:[400 TO 599]", "LOG_QUERY_FORBIDDEN_SYNTAX"],
];
for (const [text, code] of HOSTILE_QUERIES) {
  Deno.test(`q=${text} → 400 ${code}, store untouched`, () => expectRefused(q(text), 400, code));
}

const INDEX_LIKE = ["*", "_all", "-x", "a,b", "remote:x", "<logs-{now/d}>", "logs-*", "A", "a b"];
for (const name of INDEX_LIKE) {
  // The document states the service-name pattern, so the route refuses them.
  Deno.test(`index-like service "${name}" → 400, store untouched`, async () => {
    await expectRefused(
      `/api/v1/logs/recent/${encodeURIComponent(name)}`,
      400,
      "VALIDATION_FAILED",
    );
    await expectRefused(
      `/api/v1/logs/search?service=${encodeURIComponent(name)}`,
      400,
      "VALIDATION_FAILED",
    );
  });
}

Deno.test("an index parameter does not exist → 400 UNKNOWN_QUERY_PARAMETER", () =>
  expectRefused("/api/v1/logs/search?index=*", 400, "UNKNOWN_QUERY_PARAMETER"));

Deno.test("category is an enum: _all → 400", () =>
  expectRefused("/api/v1/logs/search?category=_all", 400, "VALIDATION_FAILED"));

Deno.test("page size over the bound → 400 LOG_PAGE_SIZE_TOO_LARGE", () =>
  expectRefused("/api/v1/logs/search?page_size=501", 400, "LOG_PAGE_SIZE_TOO_LARGE"));

Deno.test("time range over the bound → 400 LOG_TIME_RANGE_TOO_WIDE", () =>
  expectRefused(
    "/api/v1/logs/search?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
    400,
    "LOG_TIME_RANGE_TOO_WIDE",
  ));

Deno.test("a query longer than 1024 characters → 400", () =>
  expectRefused(q("a".repeat(1025)), 400, "VALIDATION_FAILED"));

Deno.test("another user's cursor, or an altered one → 400 LOG_CURSOR_INVALID", async () => {
  const page = await (await app.request("/api/v1/logs/search?trace_id=more", { headers: admin }))
    .json();
  assert.ok(page.next_cursor);
  const cursor = encodeURIComponent(page.next_cursor);
  await expectRefused(
    `/api/v1/logs/search?trace_id=more&cursor=${cursor}`,
    400,
    "LOG_CURSOR_INVALID",
    { headers: analyst },
  );
  await expectRefused(
    `/api/v1/logs/search?trace_id=other&cursor=${cursor}`,
    400,
    "LOG_CURSOR_INVALID",
  );
  const altered = page.next_cursor.replace(/^./, (c: string) => (c === "e" ? "f" : "e"));
  await expectRefused(
    `/api/v1/logs/search?trace_id=more&cursor=${encodeURIComponent(altered)}`,
    400,
    "LOG_CURSOR_INVALID",
  );
  calls.length = 0;
  const own = await app.request(`/api/v1/logs/search?trace_id=more&cursor=${cursor}`, {
    headers: admin,
  });
  assert.equal(own.status, 200);
  await own.body?.cancel();
});

Deno.test("live tail validates before streaming", async () => {
  await expectRefused("/api/v1/logs/tail?q=*x", 400, "LOG_QUERY_FORBIDDEN_SYNTAX");
  await expectRefused("/api/v1/logs/tail", 400, "VALIDATION_FAILED", {
    headers: { "last-event-id": "not-a-position" },
  });
});

Deno.test("security logs need a security role", async () => {
  const response = await app.request("/api/v1/logs/security", {
    headers: await authHeader("developer", { services: ["checkout"] }),
  });
  assert.equal(response.status, 403);
  await response.body?.cancel();
});

Deno.test("ingest: too many events → 413 LOG_BATCH_TOO_LARGE", () =>
  expectRefused("/api/v1/logs", 413, "LOG_BATCH_TOO_LARGE", {
    method: "POST",
    headers: { ...shipper, "content-type": "application/json" },
    body: JSON.stringify(Array.from({ length: 11 }, () => ({ "service.name": "a", message: "m" }))),
  }));

Deno.test("ingest: body over the ingest limit → 413 PAYLOAD_TOO_LARGE", () =>
  expectRefused("/api/v1/logs", 413, "PAYLOAD_TOO_LARGE", {
    method: "POST",
    headers: { ...shipper, "content-type": "application/json" },
    body: JSON.stringify([{ "service.name": "a", message: "x".repeat(3 * 1024 * 1024) }]),
  }));

Deno.test("ingest: a body above the global limit but within the ingest limit is accepted", async () => {
  calls.length = 0;
  const response = await app.request("/api/v1/logs", {
    method: "POST",
    headers: { ...shipper, "content-type": "application/json" },
    body: JSON.stringify([{ "service.name": "a", message: "x".repeat(20_000) }, {
      "service.name": "a",
      message: "y".repeat(30_000),
      attributes: { pad: "z".repeat(15_000) },
    }]),
  });
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal((await response.json()).created, 2);
});

Deno.test("ingest: other media types → 415", () =>
  expectRefused("/api/v1/logs", 415, "UNSUPPORTED_MEDIA_TYPE", {
    method: "POST",
    headers: { ...shipper, "content-type": "text/plain" },
    body: "hello",
  }));

Deno.test("ingest: a batch with nothing valid → 200, every item rejected with its reason", async () => {
  calls.length = 0;
  const response = await app.request("/api/v1/logs", {
    method: "POST",
    headers: { ...shipper, "content-type": "application/json" },
    body: JSON.stringify([{ message: "no service" }, { "service.name": "Bad Name", message: "x" }]),
  });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.errors, true);
  assert.deepEqual(
    body.items.map((
      i: { code: string; errors: { path: string }[] },
    ) => [i.code, i.errors[0]!.path]),
    [["LOG_EVENT_INVALID", "service.name"], ["LOG_EVENT_INVALID", "service.name"]],
  );
  assert.deepEqual(calls, []);
});

Deno.test("ingest: one event sent alone and refused → 400 with its reason", async () => {
  calls.length = 0;
  const response = await app.request("/api/v1/logs", {
    method: "POST",
    headers: { ...shipper, "content-type": "application/json" },
    body: JSON.stringify({ "service.name": "Bad Name", message: "x" }),
  });
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.equal(body.code, "LOG_EVENT_INVALID");
  assert.deepEqual(body.errors.map((e: { path: string }) => e.path), ["service.name"]);
  assert.deepEqual(calls, []);
});
