import assert from "node:assert/strict";
import { classifyResponse } from "./engine_ops.ts";

const GONE = /^search_context_missing_exception$/;

Deno.test("overload and gateway answers mean the engine is unavailable", () => {
  for (const status of [429, 502, 503]) {
    assert.equal(classifyResponse(status, "", GONE), "unavailable");
  }
  assert.equal(classifyResponse(500, "", GONE), "other");
  assert.equal(classifyResponse(0, "", GONE), "other");
});

Deno.test("only a 404 of the engine's own snapshot error type means the snapshot is gone", () => {
  assert.equal(classifyResponse(404, "search_context_missing_exception", GONE), "snapshot_gone");
  assert.equal(classifyResponse(404, "index_not_found_exception", GONE), "other");
  assert.equal(classifyResponse(400, "search_context_missing_exception", GONE), "other");
});
