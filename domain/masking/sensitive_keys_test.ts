import assert from "node:assert/strict";
import {
  createSensitiveKeyMatcher,
  DEFAULT_SENSITIVE_KEYS,
  keyWords,
  sensitiveKeyAlternation,
} from "./sensitive_keys.ts";

Deno.test("keyWords splits snake, kebab, camel and acronym styles", () => {
  assert.deepEqual(keyWords("X-ApiKey_v2"), ["x", "api", "key", "v2"]);
  assert.deepEqual(keyWords("APIKey"), ["api", "key"]);
  assert.deepEqual(keyWords("aws.secret_access_key"), ["aws", "secret", "access", "key"]);
});

Deno.test("the default matcher matches by words, not substrings", () => {
  const isSensitive = createSensitiveKeyMatcher(DEFAULT_SENSITIVE_KEYS);
  for (
    const key of [
      "password",
      "db_password",
      "accessToken",
      "X-Api-Key",
      "api_key",
      "Set-Cookie",
      "client_secret",
      "SecretAccessKey",
      "Authorization",
      "PIN",
    ]
  ) {
    assert.ok(isSensitive(key), key);
  }
  for (const key of ["tokenizer", "passenger", "secretary", "keyboard", "spinning", "message"]) {
    assert.ok(!isSensitive(key), key);
  }
});

Deno.test("the alternation joins multi-word keys with an optional separator", () => {
  const alternation = sensitiveKeyAlternation(["api_key", "token"]);
  assert.equal(alternation, "api[_.-]?key|token");
  assert.ok(new RegExp(alternation, "i").test("ApiKey"));
});
