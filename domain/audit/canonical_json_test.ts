import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalJson } from "./canonical_json.ts";
import { hashedDocument, hashedDocumentReference, linkEvents } from "./hash_chain.ts";
import type { JsonValue } from "./types.ts";

const json = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>;

/** The same value with every object's keys in a different order. */
function shuffleKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(shuffleKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v as JsonValue)]));
}

Deno.test("canonical JSON does not depend on key order and parses back to the value", () => {
  fc.assert(fc.property(json, (value) => {
    const text = canonicalJson(value);
    assert.equal(canonicalJson(shuffleKeys(value)), text);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
    assert.equal(canonicalJson(JSON.parse(text)), text);
  }));
});

Deno.test("canonical JSON sorts by UTF-16 code units, without whitespace", () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, "x"], "é": 2, Z: 0 }),
    '{"Z":0,"a":[true,null,"x"],"b":1,"é":2}',
  );
  assert.equal(canonicalJson({ n: 1e21, m: -0.5, k: 10 }), '{"k":10,"m":-0.5,"n":1e+21}');
});

Deno.test("canonical JSON refuses what JSON cannot carry faithfully", () => {
  for (const bad of [NaN, Infinity, "\ud800", { a: undefined }, [() => 1]]) {
    assert.throws(() => canonicalJson(bad as unknown as JsonValue), TypeError);
  }
});

Deno.test("the fast hashed document equals the generic canonical form", () => {
  const text = fc.string({ unit: "grapheme", maxLength: 20 });
  const optional = fc.option(text, { nil: null });
  const event = fc.record({
    id: fc.uuid(),
    occurred_at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    tenant_id: text,
    recorded_by: text,
    actor: fc.record({
      id: text,
      type: fc.constantFrom("user", "service", "system") as fc.Arbitrary<"user">,
      ip: optional,
      user_agent: optional,
    }),
    action: text,
    action_type: fc.constantFrom("create", "read") as fc.Arbitrary<"read">,
    resource: fc.record({ type: text, id: optional }),
    outcome: fc.constantFrom("success", "failure") as fc.Arbitrary<"success">,
    reason: optional,
    request_id: optional,
    trace_id: optional,
    changes: fc.option(fc.record({ before: json, after: json }), { nil: null }),
    metadata: fc.dictionary(fc.string(), json) as fc.Arbitrary<{ [k: string]: JsonValue }>,
  });
  fc.assert(fc.property(fc.array(event, { minLength: 1, maxLength: 3 }), (drafts) => {
    for (
      const linked of linkEvents({ seq: 0, hash: "0".repeat(64) }, drafts, {
        recordedAt: "2026-01-01T00:00:00.000Z",
      })
    ) {
      assert.equal(hashedDocument(linked), hashedDocumentReference(linked));
    }
  }));
});
