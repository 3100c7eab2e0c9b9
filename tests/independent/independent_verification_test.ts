/**
 * An auditor can verify without our code: a trail exported as NDJSON, its
 * signed checkpoints and the published keys are checked by a Python script
 * written from `docs/audit-chain.md` alone, with an independent JCS
 * implementation (`rfc8785`) and JOSE library (PyJWT + `cryptography`). A
 * changed byte in an event, or in a signature, is found.
 */
import assert from "node:assert/strict";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { startService } from "../../main.ts";
import { isCi } from "../support/services.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";

const SCRIPT = new URL("./verify_audit_export.py", import.meta.url).pathname;

async function pythonReady(): Promise<boolean> {
  try {
    const probe = await new Deno.Command("python3", {
      args: ["-c", "import rfc8785, jwt, cryptography"],
      stdout: "null",
      stderr: "null",
    }).output();
    if (probe.success) return true;
  } catch { /* no python3 */ }
  const message = "python3 with rfc8785, pyjwt and cryptography (pip install rfc8785 pyjwt " +
    "cryptography) is needed for the independent verification test";
  if (isCi()) throw new Error(message);
  console.error(`SKIPPED (${message})`);
  return false;
}

/** The service's own offline verifier on the same files, for agreement. */
async function runOwnVerifier(exportFile: string, keysFile: string, checkpointsFile: string) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      new URL("../../main.ts", import.meta.url).pathname,
      "verify-audit",
      "--file",
      exportFile,
      "--jwks",
      keysFile,
      "--checkpoints",
      checkpointsFile,
      "--no-database",
    ],
    env: { APP_ENV: "test" },
  }).output();
  return { code: output.code, text: new TextDecoder().decode(output.stdout) };
}

async function runScript(...files: string[]) {
  const output = await new Deno.Command("python3", { args: [SCRIPT, ...files] }).output();
  return {
    code: output.code,
    text: new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr),
  };
}

const ready = await pythonReady();

Deno.test({
  name: "an NDJSON export and its checkpoints verify with independent JCS and JOSE libraries",
  ignore: !ready,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "independent-verify-" });
    const service = await startService(
      parseConfig({
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: "0",
        ...TEST_JWT_SETTINGS,
      }),
      createLogger({ level: "fatal", serviceName: "test" }),
    );
    try {
      const call = async (path: string, role: "service" | "admin", init: RequestInit = {}) => {
        const response = await fetch(`${service.url}${path}`, {
          ...init,
          headers: { ...await authHeader(role), "content-type": "application/json" },
        });
        const text = await response.text();
        assert.ok(response.ok, `${path}: ${response.status} ${text}`);
        return text;
      };
      const now = Date.now();
      // Content that exercises the canonical form: key order, escapes, non-ASCII and astral
      // characters, numbers written the ECMAScript way, nesting, nulls.
      const events = [
        {
          occurred_at: new Date(now - 3000).toISOString(),
          actor: { id: "u-1", type: "user", ip: "203.0.113.7", user_agent: "curl/8" },
          action: "document.update",
          action_type: "update",
          resource: { type: "document", id: "d-1" },
          outcome: "success",
          reason: 'quote " backslash \\ tab \t newline \n',
          changes: { before: { title: "Draft", n: 1.5 }, after: { title: "최종 ✓ 😀", n: 2 } },
          metadata: { z: 4.5e15, a: [0.1, -0, 1e-7, 123456789012345], "é": null, "\u0001": true },
        },
        {
          occurred_at: new Date(now - 2000).toISOString(),
          actor: { id: "svc-billing", type: "service" },
          action: "invoice.export",
          action_type: "export",
          resource: { type: "invoice" },
          outcome: "failure",
          metadata: { rows: 10_000, nested: { b: { c: [true, false, null] } } },
        },
      ];
      await call("/api/v1/audit/events", "service", {
        method: "POST",
        body: JSON.stringify({ events }),
      });
      await call("/api/v1/audit/checkpoints", "admin", { method: "POST" });
      await call("/api/v1/audit/events", "service", {
        method: "POST",
        body: JSON.stringify({ ...events[1], occurred_at: new Date(now - 1000).toISOString() }),
      });
      await call("/api/v1/audit/checkpoints", "admin", { method: "POST" });

      const exportFile = `${dataDir}/export.ndjson`;
      const keysFile = `${dataDir}/keys.json`;
      const checkpointsFile = `${dataDir}/checkpoints.json`;
      const exported = await call("/api/v1/audit/export?format=ndjson", "admin");
      await Deno.writeTextFile(exportFile, exported);
      await Deno.writeTextFile(keysFile, await call("/api/v1/audit/signing-keys", "admin"));
      await Deno.writeTextFile(checkpointsFile, await call("/api/v1/audit/checkpoints", "admin"));

      const good = await runScript(exportFile, keysFile, checkpointsFile);
      assert.equal(good.code, 0, good.text);
      assert.match(good.text, /events [3-9]\d*, checkpoints 2, problems 0/);
      const own = await runOwnVerifier(exportFile, keysFile, checkpointsFile);
      assert.equal(own.code, 0, own.text);
      assert.match(own.text, /INTACT/, "the service's verifier read the file");

      // One changed byte in one event breaks its hash and nothing else.
      const lines = exported.split("\n");
      const target = lines.findIndex((line) => line.includes("invoice.export"));
      lines[target] = lines[target]!.replace('"failure"', '"success"');
      await Deno.writeTextFile(exportFile, lines.join("\n"));
      const edited = await runScript(exportFile, keysFile, checkpointsFile);
      assert.equal(edited.code, 1, edited.text);
      const seq = JSON.parse(lines[target]!).seq;
      assert.match(edited.text, new RegExp(`seq ${seq}: hash does not match`));
      const ownEdited = await runOwnVerifier(exportFile, keysFile, checkpointsFile);
      assert.equal(ownEdited.code, 1, "both verifiers find the edit");

      // One changed character of a signature fails that checkpoint.
      await Deno.writeTextFile(exportFile, exported);
      const checkpoints = JSON.parse(await Deno.readTextFile(checkpointsFile));
      const jws: string = checkpoints.items[0].jws;
      const flipped = jws.slice(0, -5) + (jws.at(-5) === "A" ? "B" : "A") + jws.slice(-4);
      checkpoints.items[0].jws = flipped;
      await Deno.writeTextFile(checkpointsFile, JSON.stringify(checkpoints));
      const forged = await runScript(exportFile, keysFile, checkpointsFile);
      assert.equal(forged.code, 1, forged.text);
      assert.match(forged.text, /signature not valid/);
    } finally {
      await service.stop();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
