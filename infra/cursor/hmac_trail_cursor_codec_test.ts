import assert from "node:assert/strict";
import { isAppError } from "../../domain/errors/mod.ts";
import { createHmacCursorCodec } from "./hmac_cursor_codec.ts";
import { createHmacTrailCursorCodec } from "./hmac_trail_cursor_codec.ts";

const key = "k".repeat(32);
const binding = { principalId: "auditor-1", filterKey: "f".repeat(64) };

function refused(open: () => unknown): void {
  assert.throws(open, (e) => isAppError(e) && e.code === "AUDIT_CURSOR_INVALID");
}

function edit(token: string, at: number): string {
  const c = token[at] === "A" ? "B" : "A";
  return token.slice(0, at) + c + token.slice(at + 1);
}

Deno.test("trail cursor: opens for its caller and filters, carries neither in clear", () => {
  const codec = createHmacTrailCursorCodec({ key, ttlSeconds: 60 });
  const token = codec.seal(42, binding);
  assert.equal(codec.open(token, binding), 42);
  assert.doesNotMatch(
    atob(token.split(".")[0]!.replaceAll("-", "+").replaceAll("_", "/")),
    /auditor/,
  );
});

Deno.test("trail cursor: edited seq, any edited byte, other caller or filters, expiry → invalid", () => {
  let clock = 1_000_000;
  const codec = createHmacTrailCursorCodec({ key, ttlSeconds: 60, now: () => clock });
  const token = codec.seal(42, binding);
  // The seq re-encoded by hand, as an attacker paging past their scope would.
  const [, mac] = token.split(".");
  const forged = btoa(JSON.stringify({ v: 1, s: 1_000_000, exp: 9_999_999_999 }))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  refused(() => codec.open(`${forged}.${mac}`, binding));
  for (let at = 0; at < token.length; at += 7) {
    const edited = edit(token, at);
    if (edited !== token) refused(() => codec.open(edited, binding));
  }
  refused(() => codec.open(token, { ...binding, principalId: "auditor-2" }));
  refused(() => codec.open(token, { ...binding, filterKey: "e".repeat(64) }));
  refused(() => codec.open("not a cursor", binding));
  refused(() =>
    createHmacTrailCursorCodec({ key: "j".repeat(32), ttlSeconds: 60 }).open(token, binding)
  );
  clock += 61_000;
  refused(() => codec.open(token, binding));
});

Deno.test("trail cursor: a log cursor under the same key does not open as a trail cursor", async () => {
  const logs = await createHmacCursorCodec({ key, ttlSeconds: 60 });
  const logToken = await logs.seal(
    { position: [1, "e-1"], from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" },
    { principalId: binding.principalId, searchKey: binding.filterKey },
  );
  refused(() => createHmacTrailCursorCodec({ key, ttlSeconds: 60 }).open(logToken, binding));
});
