import assert from "node:assert/strict";
import { readFieldPath, readFlatFields } from "./field_path.ts";

const KNOWN = new Set(["message", "log.level", "http.request.method", "labels"]);
const PREFIXES = new Set(["log", "http", "http.request"]);

Deno.test("readFlatFields: a dotted event reads as readFieldPath reads it, in one pass", () => {
  const sources: Record<string, unknown>[] = [
    '{"message":"m","log.level":"warn","http.request.method":"GET","extra":1}',
    '{"message":"m","http":"not an object","process.pid":7}',
    '{"log.level":null,"labels":{"team":"a"},"constructor":"c"}',
    "{}",
  ].map((json) => JSON.parse(json));
  for (const source of sources) {
    const flat = readFlatFields(source, KNOWN, PREFIXES);
    assert.ok(flat, JSON.stringify(source));
    for (const path of KNOWN) {
      assert.equal(flat.known.get(path), readFieldPath(source, path), path);
    }
    const others = Object.keys(source).filter((key) => !KNOWN.has(key));
    assert.deepEqual(Object.keys(flat.other), others);
  }
});

Deno.test("readFlatFields: only own members are read", () => {
  const source = Object.assign(Object.create({ message: "inherited", polluted: true }), {
    "log.level": "warn",
  });
  const flat = readFlatFields(source, KNOWN, PREFIXES);
  assert.deepEqual([...flat!.known], [["log.level", "warn"]]);
  assert.deepEqual(flat!.other, {});
});

Deno.test("readFlatFields: a nested spelling is left to readFieldPath", () => {
  assert.equal(
    readFlatFields({ "log.level": "warn", log: { logger: "x" } }, KNOWN, PREFIXES),
    undefined,
  );
  assert.equal(
    readFlatFields({ http: { request: { method: "GET" } } }, KNOWN, PREFIXES),
    undefined,
  );
});
