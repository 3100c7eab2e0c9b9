import assert from "node:assert/strict";
import * as jose from "jose";
import { createPrincipal } from "../../domain/access/mod.ts";
import { cachedVerifier } from "./cached_verifier.ts";

function token(exp: number, sub = "u"): string {
  const part = (v: unknown) => btoa(JSON.stringify(v)).replaceAll("=", "");
  return `${part({ alg: "RS256" })}.${part({ sub, exp })}.sig`;
}

Deno.test("cachedVerifier: verifies once per token until it expires", async () => {
  let clock = 1_000_000_000_000;
  let calls = 0;
  const verify = cachedVerifier((t) => {
    calls++;
    return Promise.resolve(createPrincipal(jose.decodeJwt(t).sub!, { roles: ["viewer"] }));
  }, { now: () => clock, maxAgeMs: 60_000 });
  const t1 = token(clock / 1000 + 30);
  assert.equal((await verify(t1)).id, "u");
  await verify(t1);
  assert.equal(calls, 1);
  clock += 31_000; // past exp
  await verify(t1);
  assert.equal(calls, 2);
});

Deno.test("cachedVerifier: failures are never remembered; the cache is bounded", async () => {
  let calls = 0;
  const verify = cachedVerifier((t) => {
    calls++;
    return t.includes("bad") ? Promise.reject(new Error("invalid")) : Promise.resolve(
      createPrincipal("u", { roles: ["viewer"] }),
    );
  }, { maxEntries: 2 });
  const exp = Math.floor(Date.now() / 1000) + 600;
  await assert.rejects(verify("bad"));
  await assert.rejects(verify("bad"));
  assert.equal(calls, 2);
  const [a, b, c] = [token(exp, "a"), token(exp, "b"), token(exp, "c")];
  for (const t of [a, b, c, a]) await verify(t);
  assert.equal(calls, 2 + 4, "a was evicted by c");
});
