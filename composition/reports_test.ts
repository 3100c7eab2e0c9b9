import assert from "node:assert/strict";
import type { AuditDeps, AuditPayload } from "../domain/audit/mod.ts";
import { loadCheckpointKeys } from "../infra/audit/checkpoint_keys.ts";
import { parseConfig } from "../infra/config/mod.ts";
import { createLogger } from "../infra/logging/mod.ts";
import { createSql } from "../infra/postgres/mod.ts";
import { createConfiguredMasker } from "./masking.ts";
import { buildReportRuntime } from "./reports.ts";

async function runtime(env: Record<string, string>) {
  const config = parseConfig(env);
  const masker = createConfiguredMasker(config);
  // Never connected: building the reports opens nothing.
  const sql = createSql({ kind: "url", url: "postgres://nobody@127.0.0.1:1/none", poolMax: 1 });
  return await buildReportRuntime(config, {
    sql,
    audit: {} as AuditDeps,
    keys: await loadCheckpointKeys({ production: false }),
    maskAuditPayload: (p) =>
      ({ changes: null, metadata: masker.maskValue(p.metadata) }) as AuditPayload,
    deterministicMasking: config.MASK_HMAC_KEY !== undefined,
    logger: createLogger({ level: "fatal", serviceName: "test" }),
    runJobs: false,
  });
}

Deno.test("with keyed masking, a subject's masked id in metadata still names them", async () => {
  const keyed = await runtime({
    MASK_HMAC_KEY: btoa("k".repeat(32)),
    GDPR_SUBJECT_PATHS: "subject_id,contact.email",
  });
  const aliases = keyed.deps.gdpr.subjectAliases("jane.roe@example.com");
  assert.equal(aliases.length, 1, "the keyed token of the email");
  assert.notEqual(aliases[0], "jane.roe@example.com");
  assert.deepEqual(keyed.deps.gdpr.subjectAliases("u-42"), [], "nothing to mask in an id");

  const plain = await runtime({});
  assert.deepEqual(
    plain.deps.gdpr.subjectAliases("jane.roe@example.com"),
    [],
    "j***@example.com names many people: never matched",
  );
});

Deno.test("a processing register that does not validate stops the start", async () => {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, JSON.stringify({ controller: { name: "x" }, activities: [] }));
  await assert.rejects(runtime({ GDPR_PROCESSING_REGISTER: path }), /GDPR_PROCESSING_REGISTER/);
});
