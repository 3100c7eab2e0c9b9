/**
 * Key sources other than the PEM key the route tests use: a JWKS endpoint
 * (served on loopback, as an identity provider would), an Ed25519 PEM key,
 * and the explicit HS256 secret mode.
 */
import assert from "node:assert/strict";
import * as jose from "jose";
import { createTokenVerifier, type KeySource } from "./verifier.ts";

const common = {
  issuer: "https://idp.test",
  audience: "svc",
  algorithms: ["RS256", "ES256", "EdDSA"],
  clockSkewSeconds: 30,
  rolesClaim: "realm_access.roles",
  servicesClaim: "services",
};

function sign(alg: string, key: jose.CryptoKey | Uint8Array, kid?: string) {
  return new jose.SignJWT({
    realm_access: { roles: ["auditor", "unknown-role"] },
    services: "a, b",
  })
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setSubject("alice").setIssuer(common.issuer).setAudience(common.audience)
    .setExpirationTime("5m").sign(key);
}

Deno.test("JWKS: tokens are verified with the key the endpoint publishes", async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair("ES256");
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => Response.json({ keys: [jwk] }),
  );
  try {
    const keySource: KeySource = { kind: "jwks", url: `http://127.0.0.1:${server.addr.port}/jwks` };
    const verify = await createTokenVerifier({ ...common, keySource });
    const principal = await verify(await sign("ES256", privateKey, "k1"));
    assert.equal(principal.id, "alice");
    assert.deepEqual(principal.roles, ["auditor"], "unknown roles are dropped; dotted claim path");
    assert.deepEqual(principal.services, ["a", "b"]);
    const other = await jose.generateKeyPair("ES256");
    await assert.rejects(verify(await sign("ES256", other.privateKey, "k1")), {
      code: "AUTH_INVALID_TOKEN",
    });
  } finally {
    await server.shutdown();
  }
});

Deno.test("PEM Ed25519 key: EdDSA accepted, other algorithms refused", async () => {
  const { publicKey, privateKey } = await jose.generateKeyPair("EdDSA", { extractable: true });
  const verify = await createTokenVerifier({
    ...common,
    keySource: { kind: "pem", pem: await jose.exportSPKI(publicKey) },
  });
  assert.equal((await verify(await sign("EdDSA", privateKey))).id, "alice");
  const rsa = await jose.generateKeyPair("RS256");
  await assert.rejects(verify(await sign("RS256", rsa.privateKey)), { code: "AUTH_INVALID_TOKEN" });
});

Deno.test("HS256 secret mode verifies only HS256", async () => {
  const secret = "s".repeat(48);
  const verify = await createTokenVerifier({
    ...common,
    algorithms: ["HS256"],
    keySource: { kind: "secret", secret },
  });
  assert.equal((await verify(await sign("HS256", new TextEncoder().encode(secret)))).id, "alice");
  const { privateKey } = await jose.generateKeyPair("RS256");
  await assert.rejects(verify(await sign("RS256", privateKey)), { code: "AUTH_INVALID_TOKEN" });
});

Deno.test("a public key that fits no allowed algorithm is a start-up error", async () => {
  const { publicKey } = await jose.generateKeyPair("RS256", { extractable: true });
  await assert.rejects(
    createTokenVerifier({
      ...common,
      algorithms: ["EdDSA"],
      keySource: { kind: "pem", pem: await jose.exportSPKI(publicKey) },
    }),
    /fits none/,
  );
});
