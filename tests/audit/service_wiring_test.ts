/**
 * The composition root wires the audit trail: the real service (embedded
 * database, default settings) accepts appends, records refused requests as
 * `access.denied` events, signs checkpoints with its development key, and on
 * stop flushes what was accepted.
 */
import assert from "node:assert/strict";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { startService } from "../../main.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";

Deno.test({
  name: "service: audit routes, denials and checkpoints are wired",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "audit-wiring-" });
    const config = parseConfig({
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: "0",
      ...TEST_JWT_SETTINGS,
    });
    const service = await startService(
      config,
      createLogger({ level: "fatal", serviceName: "test" }),
    );
    try {
      const request = async (
        path: string,
        role: "service" | "viewer" | "admin",
        init: RequestInit = {},
      ) => {
        const response = await fetch(`${service.url}${path}`, {
          ...init,
          headers: {
            ...await authHeader(role, { sub: `${role}-1` }),
            "content-type": "application/json",
          },
        });
        return { status: response.status, body: await response.json() };
      };
      const event = {
        occurred_at: new Date().toISOString(),
        actor: { id: "u-1", type: "user" },
        action: "document.read",
        action_type: "read",
        resource: { type: "document", id: "d-1" },
        outcome: "success",
      };
      const appended = await request("/api/v1/audit/events", "service", {
        method: "POST",
        body: JSON.stringify(event),
      });
      assert.equal(appended.status, 201);
      const denied = await request("/api/v1/audit/events", "viewer", {
        method: "POST",
        body: "{}",
      });
      assert.equal(denied.status, 403);
      const checkpoint = await request("/api/v1/audit/checkpoints", "admin", { method: "POST" });
      assert.equal(checkpoint.status, 201);
      assert.equal(checkpoint.body.head_seq, 2, "the event and the denial");
      const trail = await request("/api/v1/audit/trail/viewer-1", "admin");
      assert.deepEqual(
        trail.body.items.map((e: { action: string; outcome: string }) => [e.action, e.outcome]),
        [["access.denied", "denied"]],
      );
      const verified = await request("/api/v1/audit/verify", "admin");
      assert.equal(verified.body.ok, true);
      assert.deepEqual(verified.body.checkpoints, { checked: 1, matched: 1, pruned: 0 });
      const keyFile = JSON.parse(await Deno.readTextFile(`${dataDir}/audit-signing-key.json`));
      assert.equal(keyFile.crv, "Ed25519");
    } finally {
      await service.stop();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
