import assert from "node:assert/strict";
import { checkFilter, trailFilterKey } from "./audit_filter.ts";
import { uuidV7 } from "./uuid_v7.ts";

Deno.test("a trail's filter key ignores member order and absent members, not values", () => {
  const key = trailFilterKey({ actor_id: "u-1", action_type: "read" });
  assert.equal(trailFilterKey({ action_type: "read", actor_id: "u-1", from: undefined }), key);
  assert.notEqual(trailFilterKey({ actor_id: "u-2", action_type: "read" }), key);
  assert.notEqual(trailFilterKey({ actor_id: "u-1" }), key);
});

Deno.test("inverted time ranges are refused", () => {
  assert.throws(() => checkFilter({ from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }));
  checkFilter({ from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" });
});

Deno.test("UUIDv7: version and variant bits, time-ordered", () => {
  const random = new Uint8Array(10).fill(0xff);
  const id = uuidV7(Date.UTC(2026, 0, 1), random);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(uuidV7(1000, random) < uuidV7(2000, new Uint8Array(10)));
});
