/**
 * Shared pieces of the report tests: a seeded trail with known answers
 * (events masked as the append path masks them, a signed checkpoint, log
 * events in the Postgres log store), and report dependencies over a test
 * database, running chunks in a real worker pool.
 * @module
 */
import { type AuditDeps, type AuditEventDraft, DEFAULT_TENANT } from "../../domain/audit/mod.ts";
import type { LogEvent } from "../../domain/logs/mod.ts";
import type { ReportDeps } from "../../domain/reports/mod.ts";
import { buildReportRuntime } from "../../composition/reports.ts";
import { createConfiguredMasker } from "../../composition/masking.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createPostgresLogStore } from "../../infra/postgres/logs/mod.ts";
import type { Sql } from "../../infra/postgres/mod.ts";
import { createWorkerPool, type WorkerPool } from "../../workers/pool.ts";
import { appendMany, newId, testKeys } from "../audit/audit_fixture.ts";

/** Monday 2 March 2026, 00:00 UTC: the seeded week starts here. */
export const WEEK = Date.parse("2026-03-02T00:00:00.000Z");
export const RANGE = { from: "2026-03-02T00:00:00.000Z", to: "2026-03-09T00:00:00.000Z" };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Seed {
  readonly at: number;
  readonly actor: string;
  readonly actorType?: "user" | "service" | "system";
  readonly ip?: string;
  readonly action: string;
  readonly actionType: AuditEventDraft["action_type"];
  readonly resource: [string, string | null];
  readonly outcome?: AuditEventDraft["outcome"];
  readonly metadata?: Record<string, unknown>;
  readonly times?: number;
}

/** The seeded trail; the report cases' answers follow from it. */
export const SEEDS: readonly Seed[] = [
  // Invalid logins: alice 3 from .1, bob 1 from .2, mallory 2 denied from .9.
  {
    at: WEEK + 9 * HOUR,
    actor: "alice",
    ip: "10.0.0.1",
    action: "user.login",
    actionType: "login",
    resource: ["session", null],
    outcome: "failure",
    times: 3,
  },
  {
    at: WEEK + 9 * HOUR,
    actor: "bob",
    ip: "10.0.0.2",
    action: "user.login",
    actionType: "login",
    resource: ["session", null],
    outcome: "failure",
  },
  {
    at: WEEK + 10 * HOUR,
    actor: "mallory",
    ip: "10.0.0.9",
    action: "user.login",
    actionType: "login",
    resource: ["session", null],
    outcome: "denied",
    times: 2,
  },
  {
    at: WEEK + 10 * HOUR,
    actor: "alice",
    ip: "10.0.0.1",
    action: "user.login",
    actionType: "login",
    resource: ["session", null],
  },
  // Denied requests: mallory 4.
  {
    at: WEEK + 11 * HOUR,
    actor: "mallory",
    ip: "10.0.0.9",
    action: "access.denied",
    actionType: "access",
    resource: ["route", "GET /api/v1/audit/export"],
    outcome: "denied",
    times: 4,
  },
  // Permission changes by admin-1: two at 03:00 (outside hours), one at 10:00.
  {
    at: WEEK + 3 * HOUR,
    actor: "admin-1",
    action: "role.grant",
    actionType: "permission_change",
    resource: ["user", "bob"],
    times: 2,
  },
  {
    at: WEEK + 10 * HOUR,
    actor: "admin-1",
    action: "role.revoke",
    actionType: "permission_change",
    resource: ["user", "carol"],
  },
  // An admin setting changed on Saturday night.
  {
    at: WEEK + 5 * DAY + 23 * HOUR,
    actor: "admin-1",
    action: "admin.settings_update",
    actionType: "config_change",
    resource: ["settings", "smtp"],
  },
  // The subject u-42: read by auditor-1 five times, acting twice, named once in metadata.
  {
    at: WEEK + DAY + 9 * HOUR,
    actor: "auditor-1",
    action: "user.read",
    actionType: "read",
    resource: ["user", "u-42"],
    metadata: { purpose: "support" },
    times: 5,
  },
  {
    at: WEEK + DAY + 12 * HOUR,
    actor: "u-42",
    action: "document.update",
    actionType: "update",
    resource: ["document", "doc-7"],
    times: 2,
  },
  {
    at: WEEK + 2 * DAY + 9 * HOUR,
    actor: "agent-7",
    action: "support.ticket_view",
    actionType: "read",
    resource: ["ticket", "T-1"],
    metadata: {
      subject_id: "u-42",
      purpose: "고객 지원",
      email: "jane.roe@example.com",
      password: "hunter2",
    },
  },
  // u-77 appears only in metadata, under another configured path.
  {
    at: WEEK + 2 * DAY + 10 * HOUR,
    actor: "agent-7",
    action: "support.ticket_view",
    actionType: "read",
    resource: ["ticket", "T-2"],
    metadata: { data_subject: { id: "u-77" } },
  },
  // An export of customer data carrying 120 rows.
  {
    at: WEEK + 3 * DAY + 9 * HOUR,
    actor: "auditor-1",
    action: "customer.export",
    actionType: "export",
    resource: ["customer", null],
    metadata: { purpose: "billing", rows: 120 },
  },
  // An export of the audit trail (10.2.1.3).
  {
    at: WEEK + 3 * DAY + 9 * HOUR,
    actor: "auditor-1",
    action: "audit.export",
    actionType: "export",
    resource: ["audit_log", null],
    metadata: { rows: 30 },
  },
  // clerk-1 reads customers: 2 a day for three days, then 30 in one day.
  ...[0, 1, 2].map((d): Seed => ({
    at: WEEK + d * DAY + 14 * HOUR,
    actor: "clerk-1",
    action: "customer.read",
    actionType: "read",
    resource: ["customer", "c-1"],
    times: 2,
  })),
  {
    at: WEEK + 4 * DAY + 14 * HOUR,
    actor: "clerk-1",
    action: "customer.read",
    actionType: "read",
    resource: ["customer", "c-2"],
    times: 30,
  },
  // Cardholder data read 3 times; a database created.
  {
    at: WEEK + 4 * DAY + 9 * HOUR,
    actor: "svc-pay",
    actorType: "service",
    action: "payments.card_read",
    actionType: "read",
    resource: ["payment_card", "pan-1"],
    times: 3,
  },
  {
    at: WEEK + 4 * DAY + 9 * HOUR,
    actor: "admin-1",
    action: "db.create",
    actionType: "create",
    resource: ["database", "ledger"],
  },
  // Outside the range: must not count anywhere.
  {
    at: WEEK - DAY,
    actor: "alice",
    ip: "10.0.0.1",
    action: "user.login",
    actionType: "login",
    resource: ["session", null],
    outcome: "failure",
    times: 7,
  },
  {
    at: WEEK + 8 * DAY,
    actor: "u-42",
    action: "document.update",
    actionType: "update",
    resource: ["document", "doc-7"],
  },
];

/** The drafts of {@linkcode SEEDS}, in time order, masked like the append path masks. */
export function seedDrafts(): AuditEventDraft[] {
  const masker = createConfiguredMasker(parseConfig({}));
  const drafts: AuditEventDraft[] = [];
  for (const seed of SEEDS) {
    for (let k = 0; k < (seed.times ?? 1); k++) {
      const metadata = masker.maskValue(seed.metadata ?? {}) as AuditEventDraft["metadata"];
      drafts.push({
        id: newId(),
        occurred_at: new Date(seed.at + k * 60_000).toISOString(),
        tenant_id: DEFAULT_TENANT,
        recorded_by: "svc-test",
        actor: {
          id: seed.actor,
          type: seed.actorType ?? "user",
          ip: seed.ip ?? null,
          user_agent: null,
        },
        action: seed.action,
        action_type: seed.actionType,
        resource: { type: seed.resource[0], id: seed.resource[1] },
        outcome: seed.outcome ?? "success",
        reason: null,
        request_id: null,
        trace_id: null,
        changes: null,
        metadata,
      });
    }
  }
  return drafts.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
}

/** Log events of the seeded week: u-42's and the security stream's. */
export function seedLogs(): LogEvent[] {
  const event = (i: number, fields: Partial<LogEvent>): LogEvent => ({
    "event.id": `seed-log-${i}`,
    "@timestamp": new Date(WEEK + DAY + i * 60_000).toISOString(),
    "event.ingested": new Date(WEEK + DAY + i * 60_000).toISOString(),
    message: "seeded",
    "log.level": "info",
    "service.name": "checkout",
    "event.category": "app",
    ...fields,
  } as LogEvent);
  return [
    ...[0, 1, 2].map((i) => event(i, { "user.id": "u-42" })),
    ...[3, 4].map((i) =>
      event(i, {
        "user.id": "u-42",
        "service.name": "auth",
        "event.category": "security",
        "event.action": "user.login",
        "event.outcome": "success",
      })
    ),
    ...[5, 6, 7, 8, 9].map((i) =>
      event(i, {
        "service.name": "auth",
        "event.category": "security",
        "event.action": "user.login",
        "event.outcome": "failure",
      })
    ),
    event(10, { "user.id": "u-99" }),
  ];
}

/** Appends the seeded trail, signs a checkpoint, and stores the seeded logs. */
export async function seedTrail(sql: Sql, audit: AuditDeps): Promise<void> {
  const drafts = seedDrafts();
  await appendMany(sql, drafts.length, { make: (i) => drafts[i]! });
  await audit.checkpoints.create("on_demand");
  await createPostgresLogStore(sql).ingest(seedLogs());
}

/** A processing register with Korean text in it. */
export const TEST_REGISTER = {
  controller: { name: "Example GmbH", contact: "dpo@example.com" },
  activities: [{
    id: "support",
    name: "Customer support",
    purposes: ["고객 문의 처리 (customer enquiries)"],
    legal_basis: "contract",
    data_categories: [{ name: "contact details", retention_days: 365 }],
    recipients: ["support team"],
    source: "the data subject",
    resource_types: ["ticket", "user"],
  }, {
    id: "marketing",
    name: "Newsletter",
    purposes: ["newsletter"],
    legal_basis: "consent",
    data_categories: [{
      name: "email",
      retention_days: null,
      retention_note: "until consent ends",
    }],
    recipients: [],
    source: "the data subject",
    resource_types: ["newsletter"],
  }],
};

/** Report dependencies over `sql`, with a one-worker pool; close it after. */
export async function reportDeps(
  sql: Sql,
  audit: AuditDeps,
  env: Record<string, string> = {},
): Promise<{ deps: ReportDeps; pool: WorkerPool; close(): Promise<void> }> {
  const dir = await Deno.makeTempDir();
  const registerPath = `${dir}/register.json`;
  await Deno.writeTextFile(registerPath, JSON.stringify(TEST_REGISTER));
  const config = parseConfig({
    GDPR_PROCESSING_REGISTER: registerPath,
    REPORT_CHUNK_ROWS: "100",
    ...env,
  });
  const pool = createWorkerPool({ size: 1, taskTimeoutMs: 60_000, maxQueue: 16 });
  const runtime = await buildReportRuntime(config, {
    sql,
    audit,
    keys: await testKeys(),
    pool,
    logger: createLogger({ level: "error", serviceName: "test" }),
    runJobs: false,
  });
  return {
    deps: runtime.deps,
    pool,
    async close() {
      await runtime.close();
      await pool.shutdown({ graceMs: 1000 });
      await Deno.remove(dir, { recursive: true });
    },
  };
}
