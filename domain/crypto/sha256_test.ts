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

const bytes = (hexText: string) =>
  Uint8Array.from(hexText.match(/../g) ?? [], (pair) => parseInt(pair, 16));

Deno.test("SHA-256: the FIPS 180-4 long examples (896-bit message, one million 'a')", () => {
  assert.equal(
    sha256Hex(
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr" +
        "lmnopqrsmnopqrstnopqrstu",
    ),
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
  );
  assert.equal(
    sha256Hex("a".repeat(1_000_000)),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  );
});

Deno.test("HMAC-SHA-256: every RFC 4231 test case (1–7)", () => {
  const cases: [key: Uint8Array, data: Uint8Array, mac: string][] = [
    [
      new Uint8Array(20).fill(0x0b),
      utf8("Hi There"),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    ],
    [
      utf8("Jefe"),
      utf8("what do ya want for nothing?"),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ],
    [
      new Uint8Array(20).fill(0xaa),
      new Uint8Array(50).fill(0xdd),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    ],
    [
      bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"),
      new Uint8Array(50).fill(0xcd),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    ],
    // Case 5 specifies the first 128 bits of the MAC only.
    [
      new Uint8Array(20).fill(0x0c),
      utf8("Test With Truncation"),
      "a3b6167473100ee06e0c796c2955552b",
    ],
    [
      new Uint8Array(131).fill(0xaa),
      utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ],
    [
      new Uint8Array(131).fill(0xaa),
      utf8(
        "This is a test using a larger than block-size key and a larger than block-size data. " +
          "The key needs to be hashed before being used by the HMAC algorithm.",
      ),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ],
  ];
  for (const [key, data, mac] of cases) {
    const keyed = createHmacSha256(key);
    assert.equal(hex(keyed(data)).slice(0, mac.length), mac);
    assert.equal(hex(keyed(data)).slice(0, mac.length), mac, "a keyed function is reusable");
  }
});
