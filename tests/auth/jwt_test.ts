/**
 * Every way a token can be wrong ends in the same 401 problem, so a client
 * cannot probe which check failed (SPEC S8).
 */
import assert from "node:assert/strict";
import * as jose from "jose";
import { buildTestApp } from "../support/test_app.ts";
import { mintToken, TEST_AUDIENCE, TEST_ISSUER, TEST_PUBLIC_PEM } from "../support/tokens.ts";

const { app } = await buildTestApp();

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-").replaceAll("/", "_");
}

function claims(extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: "mallory",
    roles: ["admin"],
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now,
    exp: now + 300,
    ...extra,
  };
}

const BAD_TOKENS: Record<string, () => Promise<string>> = {
  "alg none": () => Promise.resolve(`${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims())}.`),
  "HS256 signed with the RS public key (algorithm confusion)": () =>
    new jose.SignJWT(claims()).setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(TEST_PUBLIC_PEM)),
  "tampered signature": async () => {
    const token = await mintToken();
    const last = token.at(-2) === "A" ? "B" : "A";
    return token.slice(0, -2) + last + token.at(-1);
  },
  "tampered payload": async () => {
    const [header, , signature] = (await mintToken({ roles: ["viewer"] })).split(".");
    return `${header}.${b64url(claims())}.${signature}`;
  },
  "expired beyond the clock skew": () => mintToken({ expiresIn: -120 }),
  "nbf in the future": () => mintToken({ notBefore: 600 }),
  "wrong issuer": () => mintToken({ issuer: "https://evil.example" }),
  "wrong audience": () => mintToken({ audience: "another-service" }),
  "missing exp": () => mintToken({ expiresIn: null }),
  "signed by another key": async () => {
    const { privateKey } = await jose.generateKeyPair("RS256");
    return new jose.SignJWT(claims()).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
  },
  "not a JWT": () => Promise.resolve("abc.def"),
};

async function call(token: string) {
  const response = await app.request("/api/v1/me", {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: await response.json(),
  };
}

const reference = await call(await mintToken({ expiresIn: -3600 }));

for (const [name, make] of Object.entries(BAD_TOKENS)) {
  Deno.test(`401 for a token with ${name}`, async () => {
    const { status, type, body } = await call(await make());
    assert.equal(status, 401);
    assert.equal(type, "application/problem+json");
    assert.equal(body.code, "AUTH_INVALID_TOKEN");
    const { request_id: _a, ...rest } = body;
    const { request_id: _b, ...expected } = reference.body;
    assert.deepEqual(rest, expected, "same problem body for every failure");
  });
}

Deno.test("expired within the clock skew is still accepted", async () => {
  const { status } = await call(await mintToken({ expiresIn: -5 }));
  assert.equal(status, 200);
});

Deno.test("no token or a non-bearer scheme → 401 AUTH_REQUIRED with a challenge", async () => {
  for (const headers of [{}, { authorization: "Basic dXNlcjpwYXNz" }] as Record<string, string>[]) {
    const response = await app.request("/api/v1/me", { headers });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, "AUTH_REQUIRED");
    assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
  }
});

Deno.test("a valid token yields the caller with roles and services from the claims", async () => {
  const token = await mintToken({ sub: "alice", roles: ["developer"], services: ["checkout"] });
  const { status, body } = await call(token);
  assert.equal(status, 200);
  assert.equal(body.id, "alice");
  assert.deepEqual(body.roles, ["developer"]);
  assert.deepEqual(body.services, ["checkout"]);
});
