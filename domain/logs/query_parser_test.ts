import assert from "node:assert/strict";
import fc from "fast-check";
import { AppError } from "../errors/mod.ts";
import { queryToString } from "./query_ast.ts";
import { parseQuery } from "./query_parser.ts";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, `expected AppError, got ${error}`);
    return error.code;
  }
  assert.fail("expected an error");
}

Deno.test("parseQuery: words are ANDed, lowercased; OR binds looser than AND", () => {
  const node = parseQuery("Timeout payment OR refused");
  assert.equal(queryToString(node!), "(timeout AND payment) OR refused");
});

Deno.test("parseQuery: phrases, prefixes, NOT and -word", () => {
  assert.equal(
    queryToString(parseQuery('"Connection refused" time* -debug NOT service:checkout')!),
    '"connection refused" AND time* AND NOT debug AND NOT service.name:checkout',
  );
});

Deno.test("parseQuery: field filters use canonical names, ranges only on numbers", () => {
  assert.equal(
    queryToString(parseQuery("status:>=500 level:ERROR url.path:/api/* labels.team:core")!),
    "http.response.status_code:>=500 AND log.level:error AND url.path:/api/* AND labels.team:core",
  );
  assert.equal(queryToString(parseQuery('user.id:"a b"')!), 'user.id:"a b"');
  assert.equal(code(() => parseQuery("service:>a")), "LOG_QUERY_FORBIDDEN_SYNTAX");
  assert.equal(code(() => parseQuery("status:abc")), "LOG_QUERY_INVALID");
  assert.equal(code(() => parseQuery("level:loud")), "LOG_QUERY_INVALID");
});

Deno.test("parseQuery: blank is no query", () => {
  assert.equal(parseQuery(""), undefined);
  assert.equal(parseQuery("   "), undefined);
});

const FORBIDDEN: readonly [string, string][] = [
  ["*error", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["service:*", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["url.path:*admin", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["te?t", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["f*o", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["a*", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["/err.*/", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["message:/a.*b/", "LOG_FIELD_NOT_ALLOWED"],
  ["user.id:/a.*b/", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["error~2", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["error^5", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["status:[400 TO 500]", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["a\\:b", "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ['{"script":{"source":"x"}}', "LOG_QUERY_FORBIDDEN_SYNTAX"],
  ["script:doc", "LOG_FIELD_NOT_ALLOWED"],
  ["_script:x", "LOG_FIELD_NOT_ALLOWED"],
  ["_index:logs-security-default", "LOG_FIELD_NOT_ALLOWED"],
  ["_id:1", "LOG_FIELD_NOT_ALLOWED"],
  ["attributes.password:x", "LOG_FIELD_NOT_ALLOWED"],
  ["message:boom", "LOG_FIELD_NOT_ALLOWED"],
  ["labels.a.b:x", "LOG_FIELD_NOT_ALLOWED"],
  ["_exists_:user.id", "LOG_FIELD_NOT_ALLOWED"],
  [":x", "LOG_QUERY_INVALID"],
  ["(a OR b", "LOG_QUERY_INVALID"],
  ["a OR", "LOG_QUERY_INVALID"],
  ["AND a", "LOG_QUERY_INVALID"],
  ['"unterminated', "LOG_QUERY_INVALID"],
  ["!!!", "LOG_QUERY_INVALID"],
  ["x".repeat(1025), "LOG_QUERY_INVALID"],
  [Array.from({ length: 33 }, (_, i) => `w${i}`).join(" "), "LOG_QUERY_INVALID"],
  ["(".repeat(9) + "a" + ")".repeat(9), "LOG_QUERY_INVALID"],
];

for (const [query, expected] of FORBIDDEN) {
  Deno.test(`parseQuery refuses ${JSON.stringify(query.slice(0, 40))} with ${expected}`, () => {
    assert.equal(code(() => parseQuery(query)), expected);
  });
}

Deno.test("parseQuery: the canonical text parses back to the same tree", () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/).filter((w) =>
    !["and", "or", "not"].includes(w)
  );
  const leaf = fc.oneof(
    word,
    word.map((w) => `${w}*`),
    fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
    word.map((w) => `service:${w}`),
    fc.integer({ min: 100, max: 599 }).map((n) => `status:>=${n}`),
  );
  const expr = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, leaf, tie("and"), tie("or"), tie("not")),
    and: fc.tuple(tie("node"), tie("node")).map(([a, b]) => `(${a} AND ${b})`),
    or: fc.tuple(tie("node"), tie("node")).map(([a, b]) => `(${a} OR ${b})`),
    not: tie("node").map((a) => `NOT ${a}`),
  }));
  fc.assert(
    fc.property(expr.node as fc.Arbitrary<string>, (text) => {
      let tree;
      try {
        tree = parseQuery(text);
      } catch (error) {
        // Deep random trees may exceed the clause or depth bounds; that is fine.
        assert.equal((error as AppError).code, "LOG_QUERY_INVALID");
        return;
      }
      const canonical = queryToString(tree!);
      assert.deepEqual(parseQuery(canonical), tree);
    }),
    { numRuns: 300 },
  );
});
