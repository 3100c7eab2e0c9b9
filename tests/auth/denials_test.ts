/**
 * Denials are audit events (SPEC S8): both kinds reach the denial hook —
 * a role that may not call a route at all, and a role that may call it but
 * asked for something outside its scope (refused by the use case).
 */
import assert from "node:assert/strict";
import type { AccessDenial } from "../../routes/middleware/authorize.ts";
import { buildLogApp, stubLogStore } from "../logs/log_app.ts";
import { authHeader } from "../support/tokens.ts";

const emptyStore = stubLogStore();

const denials: AccessDenial[] = [];
const { app } = await buildLogApp(emptyStore, { onDenied: (d) => void denials.push(d) });

Deno.test("a route the role may not call: 403, recorded as missing_permission", async () => {
  denials.length = 0;
  const response = await app.request("/api/v1/logs/security", {
    headers: await authHeader("developer", { sub: "dev-1", services: ["checkout"] }),
  });
  assert.equal(response.status, 403);
  await response.body?.cancel();
  assert.equal(denials.length, 1);
  assert.equal(denials[0]?.reason, "missing_permission");
  assert.equal(denials[0]?.principal.id, "dev-1");
  assert.equal(denials[0]?.route, "/api/v1/logs/security");
});

Deno.test("a request outside the caller's scope: 403, recorded as out_of_scope", async () => {
  denials.length = 0;
  const response = await app.request("/api/v1/logs/search?category=security", {
    headers: await authHeader("developer", { sub: "dev-2", services: ["checkout"] }),
  });
  assert.equal(response.status, 403);
  assert.equal((await response.json()).code, "FORBIDDEN");
  assert.equal(denials.length, 1);
  assert.equal(denials[0]?.reason, "out_of_scope");
  assert.equal(denials[0]?.principal.id, "dev-2");
});

Deno.test("allowed requests record nothing", async () => {
  denials.length = 0;
  const response = await app.request("/api/v1/logs/search", {
    headers: await authHeader("developer", { sub: "dev-3", services: ["checkout"] }),
  });
  assert.equal(response.status, 200);
  await response.body?.cancel();
  assert.deepEqual(denials, []);
});
