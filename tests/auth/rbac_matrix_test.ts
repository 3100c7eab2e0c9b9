/**
 * The access matrix is data (domain/access); these tests hold the app to it:
 * every served route is in the matrix, every matrix entry is served, and for
 * every role and route the app answers 403 exactly when the matrix says so.
 */
import assert from "node:assert/strict";
import { can, createPrincipal, PUBLIC, ROLES, ROUTE_ACCESS } from "../../domain/access/mod.ts";
import { concretePath, servedRoutes } from "../support/app_routes.ts";
import { buildTestApp } from "../support/test_app.ts";
import { authHeader, mintToken } from "../support/tokens.ts";

const { app } = await buildTestApp();
const served = servedRoutes(app);

Deno.test("every served route is in the access matrix", () => {
  const missing = served.filter((key) => !(key in ROUTE_ACCESS));
  assert.deepEqual(
    missing,
    [],
    `routes missing from domain/access/route_access.ts: ${missing.join(", ")}`,
  );
});

Deno.test("every matrix entry is a served route", () => {
  const stale = Object.keys(ROUTE_ACCESS).filter((key) => !served.includes(key));
  assert.deepEqual(stale, [], `matrix entries with no route: ${stale.join(", ")}`);
});

for (const role of ROLES) {
  Deno.test(`role ${role}: allowed or 403 exactly as the matrix says`, async () => {
    const principal = createPrincipal("matrix-user", { roles: [role] });
    const headers = await authHeader(role, { sub: "matrix-user", services: ["checkout"] });
    for (const key of served) {
      const requirement = ROUTE_ACCESS[key];
      if (requirement === PUBLIC || requirement === undefined) continue;
      const [method, template] = key.split(" ") as [string, string];
      const path = concretePath(template, { user_id: "matrix-user" });
      const response = await app.request(path, { method, headers });
      await response.body?.cancel();
      if (can(principal, requirement)) {
        assert.ok(
          response.status !== 403 && response.status !== 401,
          `${role} must pass ${key} (needs ${requirement}), got ${response.status}`,
        );
      } else {
        assert.equal(response.status, 403, `${role} must be refused ${key} (needs ${requirement})`);
      }
    }
  });
}

Deno.test("a token with no known role is refused every protected route", async () => {
  const headers = { authorization: `Bearer ${await mintToken({ roles: [] })}` };
  for (const key of served) {
    if (ROUTE_ACCESS[key] === PUBLIC) continue;
    const [method, template] = key.split(" ") as [string, string];
    const response = await app.request(concretePath(template), { method, headers });
    await response.body?.cancel();
    assert.equal(response.status, 403, key);
  }
});
