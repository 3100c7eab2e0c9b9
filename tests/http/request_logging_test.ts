import assert from "node:assert/strict";
import { buildTestApp } from "../support/test_app.ts";

Deno.test("every request is logged with its request id, route template and status", async () => {
  const { app, logs } = await buildTestApp();
  const response = await app.request("/health/live", { headers: { "x-request-id": "trace-me-1" } });
  assert.equal(response.status, 200);
  const line = logs.map((l) => JSON.parse(l)).find((l) => l["http.request.id"] === "trace-me-1");
  assert.ok(line, "a log line carries the request id");
  assert.equal(line["http.route"], "/health/live");
  assert.equal(line["http.response.status_code"], 200);
});

Deno.test("metrics count by route template, not raw path", async () => {
  const { app } = await buildTestApp();
  await app.request("/problems/not-found");
  await app.request("/problems/forbidden");
  const text = await (await app.request("/metrics")).text();
  assert.match(
    text,
    /http_requests_total\{method="GET",route="\/problems\/:code",status="200"\} 2/,
  );
  assert.doesNotMatch(text, /route="\/problems\/forbidden"/);
  assert.match(text, /http_request_duration_seconds_bucket/);
});

Deno.test("a 500 never leaks internals and is logged with the request id", async () => {
  const { app, logs } = await buildTestApp({
    health: {
      checks: [],
      timeoutMs: 100,
      mode: "embedded",
      version: "t",
      startedAt: Date.now(),
      accepting: () => {
        throw new TypeError("secret internal detail at db.ts:42");
      },
    },
  });
  const response = await app.request("/health/ready", { headers: { "x-request-id": "boom-1" } });
  assert.equal(response.status, 500);
  const text = await response.text();
  assert.doesNotMatch(text, /secret internal detail|db\.ts/);
  assert.equal(JSON.parse(text).code, "INTERNAL");
  const logged = logs.map((l) => JSON.parse(l)).find((l) => l["log.level"] === "error");
  assert.equal(logged?.["http.request.id"], "boom-1");
  assert.match(logged?.["error.message"] ?? "", /secret internal detail/);
});
