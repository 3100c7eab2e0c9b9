import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { sha256Hex } from "./sha256.ts";

Deno.test("SHA-256 known answers (FIPS 180-4 examples)", () => {
  assert.equal(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(
    sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

Deno.test("SHA-256 agrees with the native digest on any text and length", () => {
  const native = (text: string) => createHash("sha256").update(text).digest("hex");
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
    const wellFormed = text.toWellFormed();
    assert.equal(sha256Hex(wellFormed), native(wellFormed));
  }));
  for (const n of [55, 56, 63, 64, 65, 119, 120, 10_000]) {
    assert.equal(sha256Hex("x".repeat(n)), native("x".repeat(n)), `length ${n}`);
  }
});
