import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { createHmacSha256, sha256, sha256Hex } from "./sha256.ts";

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

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const utf8 = (text: string) => new TextEncoder().encode(text);

Deno.test("sha256 matches the FIPS 180-4 examples", () => {
  assert.equal(
    hex(sha256(utf8("abc"))),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    hex(sha256(utf8(""))),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

Deno.test("hmac-sha256 matches RFC 4231 test case 2 and a long-key case", () => {
  assert.equal(
    hex(createHmacSha256(utf8("Jefe"))(utf8("what do ya want for nothing?"))),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
  const longKey = new Uint8Array(131).fill(0xaa);
  assert.equal(
    hex(createHmacSha256(longKey)(utf8("Test Using Larger Than Block-Size Key - Hash Key First"))),
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  );
});

Deno.test("hmac-sha256 agrees with Web Crypto on random keys and messages", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ minLength: 1, maxLength: 100 }),
      fc.uint8Array({ maxLength: 300 }),
      async (key, message) => {
        const cryptoKey = await crypto.subtle.importKey(
          "raw",
          key,
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign"],
        );
        const expected = new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, message));
        assert.equal(hex(createHmacSha256(key)(message)), hex(expected));
      },
    ),
    { numRuns: 200 },
  );
});
