import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "./load.ts";
import { parseDotenv } from "./dotenv.ts";

Deno.test("an empty environment gives the embedded defaults", () => {
  const config = parseConfig({});
  assert.equal(config.PORT, 8080);
  assert.equal(config.DATABASE_URL, undefined);
  assert.equal(config.ELASTICSEARCH_URL, undefined);
  assert.equal(config.LOG_LEVEL, "info");
  assert.deepEqual(config.JWT_ALGORITHMS, ["RS256", "ES256", "EdDSA"]);
});

Deno.test("empty strings count as unset", () => {
  assert.equal(parseConfig({ PORT: "", DATABASE_URL: " " }).PORT, 8080);
});

Deno.test("every problem is listed at once, secrets never echoed", () => {
  let text = "";
  try {
    parseConfig({
      PORT: "99999",
      LOG_LEVEL: "loud",
      DATABASE_URL: "not a url",
      JWT_HS256_SECRET: "short",
      REDIS_REST_URL: "http://127.0.0.1:1",
    });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    text = error.problems.join("\n");
  }
  for (const key of ["PORT", "LOG_LEVEL", "DATABASE_URL", "JWT_HS256_SECRET", "REDIS_REST_TOKEN"]) {
    assert.match(text, new RegExp(`^${key}:`, "m"), `${key} is reported`);
  }
  assert.doesNotMatch(text, /short/, "the secret's value is not printed");
  assert.match(text, /got "99999"/);
});

Deno.test("production demands a real key source", () => {
  assert.throws(() => parseConfig({ APP_ENV: "production" }), /JWT_JWKS_URL/);
  const config = parseConfig({ APP_ENV: "production", JWT_JWKS_URL: "https://idp.example/jwks" });
  assert.equal(config.JWT_JWKS_URL, "https://idp.example/jwks");
});

Deno.test("HS256 only when a secret is configured and the algorithm is listed", () => {
  const secret = "x".repeat(40);
  assert.throws(() => parseConfig({ JWT_HS256_SECRET: secret }), /add HS256/);
  assert.throws(() => parseConfig({ JWT_ALGORITHMS: "RS256,HS256" }), /only allowed together/);
  assert.equal(
    parseConfig({ JWT_HS256_SECRET: secret, JWT_ALGORITHMS: "HS256" }).JWT_HS256_SECRET,
    secret,
  );
  assert.throws(
    () => parseConfig({ JWT_PUBLIC_KEY: "pem", JWT_JWKS_URL: "https://a.example" }),
    /only one/,
  );
});

Deno.test("dotenv: comments, export, quotes", () => {
  assert.deepEqual(
    parseDotenv("# c\nexport A=1\nB=\"two words\"\nC='x'\nD=plain # trailing\nbad line\n"),
    { A: "1", B: "two words", C: "x", D: "plain" },
  );
});
