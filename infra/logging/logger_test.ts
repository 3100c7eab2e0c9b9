import assert from "node:assert/strict";
import { createLogger } from "./logger.ts";
import { runWithLogContext } from "./context.ts";

Deno.test("lines are ECS JSON carrying the request and trace ids across awaits", async () => {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", serviceName: "svc", write: (l) => lines.push(l) });
  await runWithLogContext({ requestId: "req-1", traceId: "t".repeat(32) }, async () => {
    await new Promise((r) => setTimeout(r, 1));
    logger.info("inside", { "event.action": "x" });
  });
  logger.debug("filtered out by level");
  logger.error("failed", { error: new Error("boom") });
  assert.equal(lines.length, 2);
  const inside = JSON.parse(lines[0]!);
  assert.equal(inside["log.level"], "info");
  assert.equal(inside["service.name"], "svc");
  assert.equal(inside["http.request.id"], "req-1");
  assert.equal(inside["trace.id"], "t".repeat(32));
  assert.ok(!Number.isNaN(Date.parse(inside["@timestamp"])));
  const failed = JSON.parse(lines[1]!);
  assert.equal(failed["error.message"], "boom");
  assert.equal(failed["http.request.id"], undefined, "no context outside the request");
});

Deno.test("child loggers add their fields", () => {
  const lines: string[] = [];
  createLogger({ level: "trace", serviceName: "s", write: (l) => lines.push(l) })
    .child({ "event.dataset": "audit" }).trace("t");
  assert.equal(JSON.parse(lines[0]!)["event.dataset"], "audit");
});

Deno.test("whatever was thrown, logged under `error`, becomes ECS error fields", () => {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", serviceName: "s", write: (l) => lines.push(l) });
  logger.warn("rejected", { error: "plain text" });
  logger.warn("labelled", { reason: "plain text" });
  const rejected = JSON.parse(lines[0]!);
  assert.equal(rejected["error.type"], "Error");
  assert.equal(rejected["error.message"], "plain text");
  assert.equal(rejected.error, undefined);
  assert.equal(JSON.parse(lines[1]!).reason, "plain text", "other keys pass through");
});
