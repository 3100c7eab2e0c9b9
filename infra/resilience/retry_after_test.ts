import assert from "node:assert/strict";
import { retryAfterMs } from "./retry_after.ts";

Deno.test("Retry-After: delay-seconds, HTTP dates, and what is neither", () => {
  const now = Date.parse("2026-12-06T10:00:00Z");
  assert.equal(retryAfterMs("120", now), 120_000);
  assert.equal(retryAfterMs(" 0 ", now), 0);
  assert.equal(retryAfterMs("0.3", now), 300);
  assert.equal(retryAfterMs("Sun, 06 Dec 2026 10:00:30 GMT", now), 30_000);
  assert.equal(retryAfterMs("Sun, 06 Dec 2026 09:59:00 GMT", now), 0, "a past date: now");
  for (const unreadable of [null, "", "-5", "soon", "Dec 12", "1e3", "2026-12-06T10:00:30Z"]) {
    assert.equal(retryAfterMs(unreadable, now), undefined, String(unreadable));
  }
});
