import assert from "node:assert/strict";
import fc from "fast-check";
import { generateCorpus, lineText } from "../../bench/masking_corpus.ts";
import { createMasker } from "./masker.ts";
import { createTextMasker } from "./mask_text.ts";
import { MASK_RULES } from "./rules.ts";
import { createSensitiveKeyMatcher, DEFAULT_SENSITIVE_KEYS } from "./sensitive_keys.ts";

/** Characters the rules care about, so random strings actually reach them. */
const RELEVANT = [..."0123456789  -.:@=+_/\\\"'{}[]abcdefxyzABCDEFJKQ\n"];
const relevantText = fc.string({ unit: fc.constantFrom(...RELEVANT), maxLength: 120 });
const fragments = fc.constantFrom(
  "4111 1111 1111 1111",
  "jane.doe@example.com",
  "password=",
  "Bearer ",
  "eyJhbGciOi",
  "2001:db8::",
  "10.0.0.",
  "010-1234-",
  "+82 10-",
  "DE89 3704 0044 0532 0130 00",
  "-----BEGIN PRIVATE KEY-----",
  "AKIA",
  "900101-1",
  "123-45-",
  "[REDACTED:jwt]",
  "***",
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "aws ",
  "AWS Secret Access Key [None]: ",
  "Cookie: a=",
  "Set-Cookie: sid=",
  "; Path=/; HttpOnly",
  '{"set-cookie":["',
  "cookie=x;",
);
const mixedText = fc.array(fc.oneof(relevantText, fragments), { maxLength: 8 }).map((parts) =>
  parts.join("")
);
const anyText = fc.oneof(fc.string({ unit: "binary" }), relevantText, mixedText);
const corpusLines = generateCorpus(60, 99).map(lineText);

const maskers = [
  createMasker(),
  createMasker({ ip: "full" }),
  createMasker({ deterministicKey: new Uint8Array(32).fill(1) }),
];

Deno.test("maskText never throws and is idempotent on any string", () => {
  for (const masker of maskers) {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = masker.maskText(text);
        assert.equal(masker.maskText(once), once);
      }),
      { numRuns: 3000 },
    );
    for (const line of corpusLines) {
      const once = masker.maskText(line);
      assert.equal(masker.maskText(once), once);
    }
  }
});

Deno.test("maskValue and maskLogEvent never throw and are idempotent on any JSON value", () => {
  const json = fc.jsonValue({ maxDepth: 6 });
  const keyed = fc.dictionary(
    fc.oneof(fc.constantFrom("password", "source", "ip", "token"), fc.string()),
    json,
  );
  for (const masker of maskers) {
    fc.assert(
      fc.property(fc.oneof(json, keyed), (value) => {
        const once = masker.maskValue(value);
        assert.deepEqual(masker.maskValue(once), once);
        const event = masker.maskLogEvent(value);
        assert.deepEqual(masker.maskLogEvent(event), event);
      }),
      { numRuns: 1000 },
    );
  }
});

Deno.test("a masked secret is never longer than the secret", () => {
  const masker = createMasker({ ip: "full" });
  for (const line of generateCorpus(100, 5)) {
    for (const part of line.parts) {
      if (part.kind !== "secret") continue;
      const masked = masker.maskText(part.text);
      assert.ok(masked.length <= part.text.length, `${part.entity}: ${part.text} → ${masked}`);
    }
  }
});

Deno.test("gates and the anchored search are pure speed-ups: results equal the plain rule passes", () => {
  const isSensitiveKey = createSensitiveKeyMatcher(DEFAULT_SENSITIVE_KEYS);
  const base = {
    ipMode: "last_octet" as const,
    sensitiveKeys: DEFAULT_SENSITIVE_KEYS,
    isSensitiveKey,
  };
  const optimized = createTextMasker(base);
  const plain = createTextMasker({
    ...base,
    rules: MASK_RULES.map((rule) => ({ ...rule, gate: {}, anchor: undefined })),
  });
  fc.assert(fc.property(anyText, (text) => assert.equal(optimized(text), plain(text))), {
    numRuns: 3000,
  });
  for (const line of corpusLines) assert.equal(optimized(line), plain(line));
});

Deno.test("gates stay pure speed-ups on long texts, custom keys and every IP mode", () => {
  const keySets = [DEFAULT_SENSITIVE_KEYS, ["password", "pw", "api key", "Session-ID", "v2token"]];
  for (const sensitiveKeys of keySets) {
    for (const ipMode of ["last_octet", "full", "off"] as const) {
      const base = {
        ipMode,
        sensitiveKeys,
        isSensitiveKey: createSensitiveKeyMatcher(sensitiveKeys),
      };
      const optimized = createTextMasker(base);
      const plain = createTextMasker({
        ...base,
        rules: MASK_RULES.map((rule) => ({ ...rule, gate: {}, anchor: undefined })),
      });
      // Many secrets per text: later rules then judge text that earlier ones changed.
      const longText = fc.array(fc.oneof(mixedText, fc.constantFrom(...corpusLines)), {
        minLength: 4,
        maxLength: 24,
      }).map((parts) => parts.join(" "));
      fc.assert(
        fc.property(
          fc.oneof(anyText, longText),
          (text) => assert.equal(optimized(text), plain(text)),
        ),
        { numRuns: 400 },
      );
    }
  }
});

Deno.test("idempotent where one rule's mask changes another rule's surroundings", () => {
  const deterministic = createMasker({ deterministicKey: new Uint8Array(32).fill(1) });
  const cases = [
    "jane.doe@example.compassword=password=0",
    "0@10.0.0.DE89 3704 0044 0532 0130 00",
    "2001:db8::0+82 10-0000",
    "+82 10-02001:db8::DE89 3704 0044 0532 0130 00",
    "url=https://h/?token=abc",
  ];
  for (const masker of [...maskers, deterministic]) {
    for (const text of cases) {
      const once = masker.maskText(text);
      assert.equal(masker.maskText(once), once, text);
    }
  }
});
