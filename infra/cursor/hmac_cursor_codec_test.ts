import assert from "node:assert/strict";
import { AppError } from "../../domain/errors/mod.ts";
import { createHmacCursorCodec } from "./hmac_cursor_codec.ts";

const binding = { principalId: "user-1", searchKey: '{"q":"timeout","sort":"newest"}' };
const state = {
  position: [1764244800000, "e-1"],
  snapshot: "pit-abc",
  from: "2026-11-27T11:45:00.000Z",
  to: "2026-11-27T12:00:00.000Z",
};

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.code;
  }
  assert.fail("expected an error");
}

Deno.test("cursor: opens for its caller and search", async () => {
  const codec = await createHmacCursorCodec({ key: "k".repeat(32), ttlSeconds: 60 });
  const token = await codec.seal(state, binding);
  assert.deepEqual(await codec.open(token, binding), state);
  assert.doesNotMatch(token, /user-1|timeout/, "the binding is not carried in clear");
});

Deno.test("cursor: another caller, another search, edits, expiry, another key → invalid", async () => {
  let clock = 1_000_000;
  const codec = await createHmacCursorCodec({
    key: "k".repeat(32),
    ttlSeconds: 60,
    now: () => clock,
  });
  const token = await codec.seal(state, binding);
  assert.equal(
    await code(codec.open(token, { ...binding, principalId: "user-2" })),
    "LOG_CURSOR_INVALID",
  );
  assert.equal(
    await code(codec.open(token, { ...binding, searchKey: "{}" })),
    "LOG_CURSOR_INVALID",
  );
  const [body, mac] = token.split(".") as [string, string];
  const edited = `${body.slice(0, -2)}${body.endsWith("A") ? "B" : "A"}${body.slice(-1)}.${mac}`;
  assert.equal(await code(codec.open(edited, binding)), "LOG_CURSOR_INVALID");
  assert.equal(await code(codec.open("garbage", binding)), "LOG_CURSOR_INVALID");
  const other = await createHmacCursorCodec({
    key: "o".repeat(32),
    ttlSeconds: 60,
    now: () => clock,
  });
  assert.equal(await code(other.open(token, binding)), "LOG_CURSOR_INVALID");
  clock += 61_000;
  assert.equal(await code(codec.open(token, binding)), "LOG_CURSOR_INVALID");
});
