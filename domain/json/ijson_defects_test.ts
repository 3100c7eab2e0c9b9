import assert from "node:assert/strict";
import fc from "fast-check";
import { findIJsonDefects, formatJsonPath, numberDefect } from "./ijson_defects.ts";

Deno.test("numbers: integers beyond ±(2^53 − 1), overflow and underflow are defects", () => {
  assert.equal(numberDefect("9007199254740991"), undefined);
  assert.equal(numberDefect("-9007199254740991"), undefined);
  assert.equal(numberDefect("9007199254740992"), "unsafe_integer");
  assert.equal(numberDefect("9007199254740993"), "unsafe_integer");
  assert.equal(numberDefect("-9007199254740993"), "unsafe_integer");
  assert.equal(numberDefect("123456789012345678901234567890"), "unsafe_integer");
  assert.equal(numberDefect("1e400"), "number_out_of_range");
  assert.equal(numberDefect("-1.5E+309"), "number_out_of_range");
  assert.equal(numberDefect("1e300"), "number_out_of_range", "one bound for every number");
  assert.equal(numberDefect("9007199254740991.5"), "number_out_of_range");
  assert.equal(numberDefect("1e-400"), "number_underflow");
  assert.equal(numberDefect("0.0e-400"), undefined, "a zero is a zero");
  assert.equal(numberDefect("0"), undefined);
  assert.equal(numberDefect("-0.25"), undefined);
  assert.equal(numberDefect("9007199254740990.5"), undefined);
  assert.equal(numberDefect("5e-324"), undefined, "the smallest subnormal is kept");
});

Deno.test("defects are found with their paths, in document order", () => {
  const text = '{"events":[{"a":1},{"metadata":{"n":9007199254740993,"x":"\\ud800"}}],' +
    '"events2":[1e999],"d":1,"d":2}';
  const defects = findIJsonDefects(text);
  assert.deepEqual(defects.map((d) => [d.kind, formatJsonPath(d.path)]), [
    ["unsafe_integer", "body.events[1].metadata.n"],
    ["lone_surrogate", "body.events[1].metadata.x"],
    ["number_out_of_range", "body.events2[0]"],
    ["duplicate_member", "body.d"],
  ]);
});

Deno.test("duplicate names are compared decoded, and escaped quotes do not end a string", () => {
  assert.deepEqual(findIJsonDefects('{"a":1,"\\u0061":2}').map((d) => d.kind), [
    "duplicate_member",
  ]);
  assert.deepEqual(findIJsonDefects('{"a\\"":"x\\\\","b":["\\"",{"a":1}]}'), []);
  assert.deepEqual(findIJsonDefects('[{"a":1},{"a":1}]'), [], "same name in sibling objects");
  assert.deepEqual(
    findIJsonDefects('{"\\udc00":1}').map((d) => [d.kind, formatJsonPath(d.path)]),
    [["lone_surrogate", 'body["\\udc00"]']],
  );
  assert.deepEqual(findIJsonDefects('"\\ud83d\\ude00"'), [], "a pair is fine");
});

Deno.test("paths never echo unbounded names", () => {
  const long = "k".repeat(10_000);
  const [defect] = findIJsonDefects(`{"${long}":1,"${long}":2}`);
  assert.ok(formatJsonPath(defect!.path).length < 100);
});

Deno.test("property: what JSON.stringify writes from safe values has no defects", () => {
  const safe = fc.jsonValue().filter((v) => {
    const text = JSON.stringify(v);
    return !/\d{16,}|e\+?\d{2,}/i.test(text);
  });
  fc.assert(
    fc.property(safe, (value) => {
      assert.deepEqual(findIJsonDefects(JSON.stringify(value)), []);
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: an unsafe integer anywhere is found at its path", () => {
  const unsafe = fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max: 10n ** 30n });
  fc.assert(
    fc.property(fc.array(fc.string(), { maxLength: 4 }), unsafe, fc.boolean(), (keys, n, neg) => {
      let text = `${neg ? "-" : ""}${n}`;
      const names = [...new Set(keys)];
      for (const key of [...names].reverse()) text = `{${JSON.stringify(key)}:${text}}`;
      const defects = findIJsonDefects(text);
      assert.equal(defects.length, 1);
      assert.equal(defects[0]!.kind, "unsafe_integer");
      assert.deepEqual(defects[0]!.path, names);
    }),
    { numRuns: 300 },
  );
});
