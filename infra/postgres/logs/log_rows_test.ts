import assert from "node:assert/strict";
import { parseQuery, type TextNode } from "../../../domain/logs/mod.ts";
import { textQuery } from "./log_filter_sql.ts";
import { searchVector } from "./log_rows.ts";

Deno.test("searchVector: the shared tokenizer's words, message A, error message B", () => {
  assert.equal(
    searchVector("Checkout-API failed for bob@example.com", "Timeout: checkout"),
    "'checkout':1A,9B 'api':2A 'failed':3A 'for':4A 'bob':5A 'example':6A 'com':7A 'timeout':8B",
  );
});

Deno.test("textQuery: words in either field, phrases within one, prefixes", () => {
  const text = (q: string) => textQuery(parseQuery(q) as TextNode);
  assert.equal(text("Timeout"), "'timeout':AB");
  assert.equal(
    text('"connection refused"'),
    "('connection':A <-> 'refused':A) | ('connection':B <-> 'refused':B)",
  );
  assert.equal(text("checkout-api"), "('checkout':A <-> 'api':A) | ('checkout':B <-> 'api':B)");
  assert.equal(text("tim*"), "'tim':*AB");
  assert.equal(text("'quoted'"), "'quoted':AB", "quotes are not part of a word");
});
