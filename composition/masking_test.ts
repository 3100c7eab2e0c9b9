import assert from "node:assert/strict";
import type { LogEvent } from "../domain/logs/mod.ts";
import { createWorkerPool } from "../workers/pool.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { buildMasking } from "./masking.ts";

function events(count: number): LogEvent[] {
  return Array.from({ length: count }, (_, i) =>
    ({
      "@timestamp": new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      "event.id": `e-${i}`,
      "event.category": "app",
      "log.level": "info",
      "service.name": "checkout",
      message: `order ${i} paid by jane.doe${i}@example.com with card 4111 1111 1111 1111`,
      attributes: { password: `hunter${i}`, note: "ok" },
    }) as unknown as LogEvent);
}

Deno.test("ingest masking: large chunks go through the pool and equal inline masking", async () => {
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 30_000, maxQueue: 4 });
  try {
    const masking = buildMasking(parseConfig({ MASK_INLINE_MAX_BYTES: "4096" }), pool);
    const big = events(200);
    const pooled = await masking.maskEvents(big);
    assert.equal(pool.stats().completed, 1, "the large chunk was masked in a worker");
    assert.deepEqual(pooled, big.map(masking.maskEvent), "same result as inline");
    const text = JSON.stringify(pooled);
    assert.doesNotMatch(text, /jane\.doe\d+@example\.com|4111 1111 1111 1111|hunter\d/);

    const small = events(2);
    assert.deepEqual(await masking.maskEvents(small), small.map(masking.maskEvent));
    assert.equal(pool.stats().completed, 1, "a small chunk stays inline");
  } finally {
    await pool.shutdown({ graceMs: 1000 });
  }
});

Deno.test("audit payload masking covers changes and metadata, deterministically", async () => {
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 5_000, maxQueue: 1 });
  try {
    const { maskAuditPayload } = buildMasking(parseConfig({}), pool);
    const payload = {
      changes: { before: { email: "a.person@example.com" }, after: { token: "abc123" } },
      metadata: { authorization: "Bearer abc.def.ghi", plain: "kept" },
    };
    const once = maskAuditPayload(payload as never);
    assert.deepEqual(maskAuditPayload(payload as never), once);
    const text = JSON.stringify(once);
    assert.doesNotMatch(text, /a\.person@example\.com|abc123|abc\.def\.ghi/);
    assert.match(text, /kept/);
  } finally {
    await pool.shutdown({ graceMs: 1000 });
  }
});
