import assert from "node:assert/strict";
import { isAppError } from "../errors/mod.ts";
import { checkFilter, decodeTrailCursor, encodeTrailCursor } from "./audit_filter.ts";
import { uuidV7 } from "./uuid_v7.ts";

Deno.test("a trail cursor round-trips and is bound to its filter", () => {
  const filter = { actor_id: "u-1", action_type: "read" as const };
  const cursor = encodeTrailCursor(42, filter);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.equal(decodeTrailCursor(cursor, { action_type: "read", actor_id: "u-1" }), 42);
  for (
    const [bad, other] of [[cursor, { actor_id: "u-2" }], ["garbage!", filter], [
      btoa('{"s":-1,"f":"x"}'),
      filter,
    ]] as const
  ) {
    assert.throws(
      () => decodeTrailCursor(bad, other),
      (e) => isAppError(e) && e.code === "AUDIT_CURSOR_INVALID",
    );
  }
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
