import assert from "node:assert/strict";
import { loadPciMapping, loadProcessingRegister, ReportFileError } from "./report_files.ts";
import { parseConfig } from "../config/mod.ts";

async function file(content: string): Promise<string> {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, content);
  return path;
}

const REGISTER = {
  controller: { name: "Example", contact: "dpo@example.com" },
  activities: [{
    id: "support",
    name: "Support",
    purposes: ["고객 지원"],
    legal_basis: "contract",
    data_categories: [{ name: "contact", retention_days: 365 }],
    recipients: ["support"],
    source: "the data subject",
    resource_types: ["ticket"],
  }],
};

Deno.test("the processing register is read and checked, every problem named", async () => {
  const good = await loadProcessingRegister(await file(JSON.stringify(REGISTER)));
  assert.equal(good.activities[0]!.purposes[0], "고객 지원");
  const bad = structuredClone(REGISTER) as Record<string, unknown> & typeof REGISTER;
  (bad.activities[0] as Record<string, unknown>).purposes = [];
  (bad.activities[0]!.data_categories[0] as Record<string, unknown>).retention_days = null;
  (bad as Record<string, unknown>).extra = true;
  await assert.rejects(loadProcessingRegister(await file(JSON.stringify(bad))), (error) => {
    assert.ok(error instanceof ReportFileError);
    assert.match(error.message, /GDPR_PROCESSING_REGISTER/);
    assert.match(error.message, /activities\.0\.purposes/);
    assert.match(error.message, /retention_note/);
    assert.match(error.message, /extra/);
    return true;
  });
  await assert.rejects(loadProcessingRegister(await file("{not json")), /is not JSON/);
  await assert.rejects(loadProcessingRegister("/nonexistent/register.json"), /cannot read/);
});

Deno.test("a PCI mapping replaces the default only when every rule is valid", async () => {
  const rules = await loadPciMapping(
    await file(JSON.stringify([{ requirement: "10.2.1.1", resource_types: ["pan"] }])),
  );
  assert.deepEqual(rules, [{ requirement: "10.2.1.1", resource_types: ["pan"] }]);
  await assert.rejects(
    loadPciMapping(
      await file(JSON.stringify([{ requirement: "10.2.1.9" }, { requirement: "10.2.1.2" }])),
    ),
    /0\.requirement[\s\S]*1: a rule needs at least one criterion/,
  );
});

Deno.test("report settings: business hours, time zone and action patterns are checked at start-up", () => {
  assert.throws(
    () => parseConfig({ REPORT_BUSINESS_HOURS: "weekdays", REPORT_TIME_ZONE: "Nowhere/City" }),
    /REPORT_BUSINESS_HOURS/,
  );
  assert.throws(() => parseConfig({ REPORT_ADMIN_ACTIONS: "admin*" }), /REPORT_ADMIN_ACTIONS/);
  assert.throws(() => parseConfig({ GDPR_SUBJECT_PATHS: "a..b" }), /GDPR_SUBJECT_PATHS/);
  const config = parseConfig({ REPORT_TIME_ZONE: "Asia/Seoul", GDPR_SELF_SERVICE: "true" });
  assert.equal(config.GDPR_SELF_SERVICE, true);
  assert.deepEqual(config.GDPR_SUBJECT_PATHS, ["subject_id", "data_subject.id", "target_user_id"]);
});
