/**
 * One table of report cases over the seeded trail (report_fixture.ts) with
 * known answers — counts, subjects, offenders, coverage — run on PGlite and
 * on a real Postgres, through the worker pool, as the JSON the API serves.
 */
import assert from "node:assert/strict";
import { createPrincipal } from "../../domain/access/mod.ts";
import {
  type ComplianceData,
  type GdprData,
  generateReport,
  type PrivacyData,
  type ReportDocument,
  type ReportParameters,
  type SecurityData,
  subjectCopy,
} from "../../domain/reports/mod.ts";
import { nativeReportDigest } from "../../infra/reports/report_runner.ts";
import { testOnEachDatabase } from "../support/databases.ts";
import { auditDeps, newId } from "../audit/audit_fixture.ts";
import { RANGE, reportDeps, seedTrail } from "./report_fixture.ts";

const auditor = {
  principal: createPrincipal("auditor-9", { roles: ["auditor"] }),
  requestId: "req-cases",
};

interface Case {
  readonly name: string;
  readonly parameters: ReportParameters;
  readonly check: (document: ReportDocument) => void;
}

const CASES: Case[] = [
  {
    name: "security: offenders, permission changes, off-hours admin actions, security logs",
    parameters: { type: "security", ...RANGE },
    check: (document) => {
      const d = document.data as SecurityData;
      assert.equal(d.failed_logins.total, 6);
      assert.deepEqual(d.failed_logins.top.map((o) => [o.actor, o.ip, o.count]), [
        ["alice", "10.0.0.1", 3],
        ["mallory", "10.0.0.9", 2],
        ["bob", "10.0.0.2", 1],
      ]);
      assert.equal(d.denied_access.total, 4);
      assert.deepEqual(d.denied_access.top.map((o) => [o.actor, o.ip, o.count]), [
        ["mallory", "10.0.0.9", 4],
      ]);
      assert.equal(d.permission_changes.total, 3);
      assert.deepEqual(d.permission_changes.by_actor, [{ actor: "admin-1", count: 3 }]);
      assert.equal(d.off_hours_admin_actions.admin_actions, 4);
      assert.equal(d.off_hours_admin_actions.total, 3, "two at 03:00, one on Saturday night");
      assert.deepEqual(d.security_logs?.by_action_outcome, [
        { action: "user.login", outcome: "failure", count: 5 },
        { action: "user.login", outcome: "success", count: 2 },
      ]);
      assert.equal(d.truncated, false);
    },
  },
  {
    name: "security in Asia/Seoul: 03:00 UTC is noon there, Saturday 23:00 UTC is Sunday",
    parameters: { type: "security", ...RANGE },
    check: () => {}, // run with other settings below
  },
  {
    name: "privacy: access by actor and purpose, exports with rows, unusual day, denials",
    parameters: { type: "privacy", ...RANGE },
    check: (document) => {
      const d = document.data as PrivacyData;
      // On personal-data resources: user.read ×5, customer.read 2+2+2+30, customer.export,
      // and the three role changes on users.
      assert.equal(d.personal_data_access.total, 45);
      assert.deepEqual(d.personal_data_access.by_actor_purpose, [
        { actor: "clerk-1", purpose: "(unspecified)", count: 36 },
        { actor: "auditor-1", purpose: "support", count: 5 },
        { actor: "admin-1", purpose: "(unspecified)", count: 3 },
        { actor: "auditor-1", purpose: "billing", count: 1 },
      ]);
      assert.equal(d.exports.total, 2);
      assert.equal(d.exports.rows, 150);
      assert.deepEqual(d.exports.by_actor, [{ actor: "auditor-1", exports: 2, rows: 150 }]);
      assert.deepEqual(d.unusual_volumes.days, [
        { actor: "clerk-1", day: "2026-03-06", reads: 30, median: 2, factor: 15 },
      ]);
      assert.equal(d.denied.total, 6);
      assert.deepEqual(d.denied.by_actor_action.map((x) => [x.actor, x.action, x.count]), [
        ["mallory", "access.denied", 4],
        ["mallory", "user.login", 2],
      ]);
    },
  },
  {
    name: "compliance: PCI DSS 10.2.1 coverage, verification, checkpoint, retention",
    parameters: { type: "compliance", ...RANGE },
    check: (document) => {
      const d = document.data as ComplianceData;
      assert.deepEqual(d.requirements.map((r) => [r.id, r.present, r.count]), [
        ["10.2.1.1", true, 3],
        ["10.2.1.2", true, 4],
        ["10.2.1.3", true, 1],
        ["10.2.1.4", true, 10],
        ["10.2.1.5", true, 3],
        ["10.2.1.6", false, 0],
        ["10.2.1.7", true, 1],
      ]);
      assert.deepEqual(d.coverage, { present: 6, of: 7 });
      assert.equal(d.requirements[3]!.last_seen, "2026-03-02T11:03:00.000Z");
      assert.equal(d.verification?.ok, true);
      assert.equal(d.verification?.events_checked, document.chain_head.seq);
      assert.ok(d.latest_checkpoint, "the seeded checkpoint is reported");
      assert.match(d.latest_checkpoint!.jws, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      const audit = d.retention.find((r) => r.category === "audit")!;
      assert.equal(audit.meets_pci_10_5_1, true);
      const app = d.retention.find((r) => r.category === "logs:app")!;
      assert.deepEqual([app.retention_days, app.meets_pci_10_5_1, app.meets_spec], [
        30,
        false,
        true,
      ]);
      const security = d.retention.find((r) => r.category === "logs:security")!;
      assert.equal(security.meets_pci_10_5_1, true);
    },
  },
  {
    name: "gdpr: actor, user resource and metadata; recipients; register; logs; copy",
    parameters: { type: "gdpr", ...RANGE, subject: "u-42" },
    check: (document) => {
      const d = document.data as GdprData;
      assert.deepEqual(
        [d.events.total, d.events.as_actor, d.events.as_resource, d.events.named_in_metadata],
        [8, 2, 5, 1],
      );
      assert.deepEqual(d.events.by_action, [
        { action: "user.read", count: 5 },
        { action: "document.update", count: 2 },
        { action: "support.ticket_view", count: 1 },
      ]);
      assert.deepEqual(d.recipients.map((r) => [r.actor, r.counts]), [
        ["agent-7", { read: 1 }],
        ["auditor-1", { read: 5 }],
      ]);
      assert.deepEqual(d.processing?.activities.map((a) => [a.id, a.observed]), [
        ["support", true],
        ["marketing", false],
      ]);
      assert.deepEqual(d.log_events, [
        { service: "auth", category: "security", count: 2, retention_days: 365 },
        { service: "checkout", category: "app", count: 3, retention_days: 30 },
      ]);
      assert.equal(d.copy.events, 8);
      assert.equal(d.copy.max_seq, document.chain_head.seq);
    },
  },
  {
    name: "gdpr: a subject named only in metadata is found",
    parameters: { type: "gdpr", ...RANGE, subject: "u-77" },
    check: (document) => {
      const d = document.data as GdprData;
      assert.deepEqual([d.events.total, d.events.as_actor, d.events.named_in_metadata], [1, 0, 1]);
      assert.deepEqual(d.recipients.map((r) => r.actor), ["agent-7"]);
    },
  },
  {
    name: "gdpr: an unknown subject has an empty report",
    parameters: { type: "gdpr", ...RANGE, subject: "nobody" },
    check: (document) => {
      const d = document.data as GdprData;
      assert.deepEqual([d.events.total, d.recipients.length, d.copy.events], [0, 0, 0]);
    },
  },
];

await testOnEachDatabase("report cases with known answers", async (db, t) => {
  const audit = await auditDeps(db.sql);
  await seedTrail(db.sql, audit);
  const reports = await reportDeps(db.sql, audit);
  const seoul = await reportDeps(db.sql, audit, { REPORT_TIME_ZONE: "Asia/Seoul" });
  try {
    for (const c of CASES) {
      await t.step(c.name, async () => {
        const seoulCase = c.name.includes("Asia/Seoul");
        const generated = await generateReport(seoulCase ? seoul.deps : reports.deps, {
          caller: auditor,
          parameters: c.parameters,
          format: "json",
          reportId: newId(),
        });
        const document = JSON.parse(new TextDecoder().decode(generated.content));
        assert.deepEqual(document.parameters, c.parameters);
        assert.equal(document.generated_by, "auditor-9");
        if (seoulCase) {
          const off = (document.data as SecurityData).off_hours_admin_actions;
          // 03:00 UTC Monday = 12:00 Seoul (inside); 10:00 UTC = 19:00 (outside);
          // Saturday 23:00 UTC = Sunday 08:00 Seoul (outside).
          assert.equal(off.time_zone, "Asia/Seoul");
          assert.deepEqual([off.admin_actions, off.total], [4, 2]);
        } else {
          c.check(document);
        }
      });
    }

    await t.step(
      "the copy is the subject's events as NDJSON, masked, with the stated digest",
      async () => {
        const generated = await generateReport(reports.deps, {
          caller: auditor,
          parameters: { type: "gdpr", ...RANGE, subject: "u-42" },
          format: "json",
          reportId: newId(),
        });
        const data = generated.document.data as GdprData;
        const copy = await subjectCopy(reports.deps, {
          caller: auditor,
          ask: { type: "gdpr", ...RANGE, subject: "u-42" },
          maxSeq: data.copy.max_seq,
        });
        let text = "";
        for await (const piece of copy.body) text += piece;
        const lines = text.trim().split("\n").map((line) => JSON.parse(line));
        assert.equal(lines.length, 8);
        assert.equal(
          nativeReportDigest.sha256Hex(new TextEncoder().encode(text)),
          data.copy.sha256,
        );
        assert.doesNotMatch(text, /jane\.roe@example\.com|hunter2/, "stored masked, served masked");
        assert.match(text, /j\*\*\*@example\.com/);
        assert.match(text, /고객 지원/);
      },
    );

    await t.step("generation and the copy's download are recorded in the trail", async () => {
      const [row] = await db.sql<{ generate: number; download: number }[]>`
        select count(*) filter (where action = 'report.generate')::int as generate,
               count(*) filter (where action = 'report.download')::int as download
          from audit_log where actor_id = 'auditor-9'`;
      assert.equal(row!.generate, CASES.length + 1);
      assert.equal(row!.download, 1);
    });
  } finally {
    await reports.close();
    await seoul.close();
    await audit.close();
  }
});
