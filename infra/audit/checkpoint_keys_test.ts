import assert from "node:assert/strict";
import * as jose from "jose";
import { checkCheckpointSignatures, signCheckpoint } from "./checkpoint_jws.ts";
import { loadCheckpointKeys } from "./checkpoint_keys.ts";

const statement = (seq: number) => ({
  chain: "audit_log" as const,
  seq,
  hash: "ab".repeat(32),
  signed_at: "2026-01-01T00:00:00.000Z",
  reason: "on_demand",
});

async function ed25519Pair() {
  const { privateKey } = await jose.generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return { jwk: await jose.exportJWK(privateKey), pem: await jose.exportPKCS8(privateKey) };
}

Deno.test("keys load from a JWK or a PKCS#8 PEM and agree on their id", async () => {
  const { jwk, pem } = await ed25519Pair();
  const fromJwk = await loadCheckpointKeys({ signingKey: JSON.stringify(jwk), production: true });
  const fromPem = await loadCheckpointKeys({ signingKey: pem, production: true });
  assert.equal(fromJwk.keyId, fromPem.keyId);
  assert.equal(fromJwk.source, "configured");
  assert.deepEqual(Object.keys(fromJwk.publicJwks[0]!).sort(), [
    "alg",
    "crv",
    "kid",
    "kty",
    "use",
    "x",
  ]);
});

Deno.test("production refuses to start without a key; other keys types are refused", async () => {
  await assert.rejects(loadCheckpointKeys({ production: true }), /AUDIT_SIGNING_KEY/);
  const { privateKey } = await jose.generateKeyPair("ES256", { extractable: true });
  await assert.rejects(
    loadCheckpointKeys({
      signingKey: JSON.stringify(await jose.exportJWK(privateKey)),
      production: true,
    }),
    /Ed25519/,
  );
});

Deno.test("the development key is created once under the data directory and reused", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const first = await loadCheckpointKeys({ dataDir, production: false });
    const second = await loadCheckpointKeys({ dataDir, production: false });
    assert.equal(first.source, "embedded-dev-key");
    assert.equal(first.keyId, second.keyId);
    const mode = (await Deno.stat(`${dataDir}/audit-signing-key.json`)).mode! & 0o777;
    assert.equal(mode, 0o600);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("checkpoints signed by a retired key still verify; unknown keys and edited rows do not", async () => {
  const old = await loadCheckpointKeys({ production: false });
  const { jwk } = await ed25519Pair();
  const current = await loadCheckpointKeys({
    signingKey: JSON.stringify(jwk),
    previousPublicKeys: JSON.stringify([old.publicJwks[0]]),
    production: true,
  });
  const stranger = await loadCheckpointKeys({ production: false });
  const rows = [
    {
      id: 1,
      head_seq: 10,
      head_hash: "ab".repeat(32),
      jws: await signCheckpoint(old, statement(10)),
    },
    {
      id: 2,
      head_seq: 20,
      head_hash: "ab".repeat(32),
      jws: await signCheckpoint(current, statement(20)),
    },
    {
      id: 3,
      head_seq: 30,
      head_hash: "ab".repeat(32),
      jws: await signCheckpoint(stranger, statement(30)),
    },
    {
      id: 4,
      head_seq: 41,
      head_hash: "ab".repeat(32),
      jws: await signCheckpoint(current, statement(40)),
    },
  ];
  const claims = await checkCheckpointSignatures(rows, current.publicJwks);
  assert.deepEqual(claims.map((c) => [c.id, c.signature_valid]), [
    [1, true],
    [2, true],
    [3, false],
    [4, false],
  ]);
});
