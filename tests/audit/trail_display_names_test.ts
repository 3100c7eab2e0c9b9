/**
 * Audit trails name their people through the user service, and a user
 * service that is down degrades the answer — ids only, `display_names.status`
 * says so — instead of failing it.
 */
import assert from "node:assert/strict";
import { recordAccessDenied } from "../../domain/audit/mod.ts";
import { createUserServiceClient } from "../../infra/users/user_service_client.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { buildTestApp } from "../support/test_app.ts";
import { authHeader } from "../support/tokens.ts";
import { auditDeps } from "./audit_fixture.ts";

const NAMES: Record<string, string> = { "u-1": "Jin Park", "u-2": "Ana Silva" };

function client(url: string) {
  return createUserServiceClient({
    urlTemplate: url,
    timeoutMs: 500,
    retries: 1,
    cacheTtlMs: 0,
    cacheMaxEntries: 10,
    breakerFailures: 5,
    breakerCooldownMs: 10_000,
    minBackoffMs: 10,
  });
}

await testOnEachDatabase(
  "audit trail: display names, degraded when the user service is down",
  async (db) => {
    const controller = new AbortController();
    let up = true;
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, signal: controller.signal, onListen: () => {} },
      (request) => {
        const id = new URL(request.url).pathname.split("/").pop()!;
        if (!up) return new Response("down for maintenance", { status: 503 });
        return NAMES[id]
          ? Response.json({ id, display_name: NAMES[id] })
          : new Response(null, { status: 404 });
      },
    );
    using users = client(`http://127.0.0.1:${server.addr.port}/users/{id}`);
    const base = await auditDeps(db.sql);
    const deps = { ...base, users };
    const { app } = await buildTestApp({
      audit: deps,
      onDenied: (denial) => recordAccessDenied(deps, denial),
    });
    try {
      const append = await app.request("/api/v1/audit/events", {
        method: "POST",
        headers: { ...(await authHeader("service")), "content-type": "application/json" },
        body: JSON.stringify({
          events: [{
            occurred_at: new Date(Date.now() - 1000).toISOString(),
            actor: { id: "u-1", type: "user" },
            action: "user.update",
            action_type: "update",
            resource: { type: "user", id: "u-2" },
            outcome: "success",
          }],
        }),
      });
      assert.equal(append.status, 201);
      const trail = async () => {
        const res = await app.request("/api/v1/audit/trail/u-1", {
          headers: await authHeader("auditor"),
        });
        assert.equal(res.status, 200);
        return (await res.json()) as {
          items: unknown[];
          display_names: { status: string; names: Record<string, string>; detail?: string };
        };
      };

      const named = await trail();
      assert.equal(named.items.length, 1);
      assert.deepEqual(named.display_names, { status: "complete", names: NAMES });

      up = false;
      const degraded = await trail();
      assert.equal(degraded.items.length, 1, "the trail itself is still answered");
      assert.equal(degraded.display_names.status, "degraded");
      assert.deepEqual(degraded.display_names.names, {});
      assert.match(degraded.display_names.detail!, /503/);
    } finally {
      await base.close();
      controller.abort();
      await server.finished;
    }
  },
);
