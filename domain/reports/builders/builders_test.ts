import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeReportRows,
  DEFAULT_REPORT_SETTINGS,
  emptyPartial,
  encodeReportRows,
  finishPartial,
  mergePartial,
  partialOf,
  REPORT_TYPES,
  type ReportRows,
} from "../mod.ts";
import { medianOf, unusualDays } from "./privacy.ts";
import { bump, newTally, OTHER_KEY } from "./tally.ts";

const row = fc.record({
  at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 20) }),
  actor: fc.constantFrom("u-1", "u-2", "u-3", "admin-1"),
  actor_type: fc.constantFrom("user", "service"),
  ip: fc.constantFrom(null, "10.0.0.1", "10.0.0.2"),
  action: fc.constantFrom("user.login", "user.read", "admin.reset", "role.grant", "audit.read"),
  action_type: fc.constantFrom("login", "read", "permission_change", "export", "create"),
  resource_type: fc.constantFrom("user", "document", "payment_card", "database"),
  resource_id: fc.constantFrom(null, "u-1", "u-2", "doc-1"),
  outcome: fc.constantFrom("success", "failure", "denied"),
  purpose: fc.constantFrom(null, "support", "billing"),
  count: fc.constantFrom(null, 5, 40),
  named: fc.boolean(),
});

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function columns(rows: readonly Row[]) {
  return {
    seq: rows.map((_, i) => i + 1),
    at: rows.map((r) => r.at),
    actor: rows.map((r) => r.actor),
    actor_type: rows.map((r) => r.actor_type),
    ip: rows.map((r) => r.ip),
    action: rows.map((r) => r.action),
    action_type: rows.map((r) => r.action_type),
    resource_type: rows.map((r) => r.resource_type),
    resource_id: rows.map((r) => r.resource_id),
    outcome: rows.map((r) => r.outcome),
    purpose: rows.map((r) => r.purpose),
    count: rows.map((r) => r.count),
    named: rows.map((r) => r.named),
  } satisfies ReportRows;
}

function slice(rows: ReportRows, from: number, to: number): ReportRows {
  return Object.fromEntries(
    Object.entries(rows).map(([k, v]) => [k, (v as unknown[]).slice(from, to)]),
  ) as unknown as ReportRows;
}

const EXTRAS = {
  compliance: { verification: null, latestCheckpoint: null, retention: [] },
  gdpr: {
    register: null,
    logEvents: null,
    copy: { format: "ndjson", events: 0, sha256: "0".repeat(64), max_seq: 0, href: "" },
  },
  privacy: undefined,
  security: { securityLogs: null },
} as const;

Deno.test("every builder: chunks folded apart and merged give the report of the whole", () => {
  fc.assert(
    fc.property(
      fc.array(row, { maxLength: 120 }),
      fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 6 }),
      (list, cuts) => {
        const all = columns(list);
        const bounds = [
          0,
          ...cuts.map((c) => Math.min(c, list.length)).sort((a, b) => a - b),
          list.length,
        ];
        for (const type of REPORT_TYPES) {
          const context = { settings: DEFAULT_REPORT_SETTINGS, subject: "u-1" };
          const whole = partialOf(type, all, context);
          const merged = emptyPartial(type);
          for (let i = 0; i + 1 < bounds.length; i++) {
            const chunk = decodeReportRows(
              encodeReportRows(slice(all, bounds[i]!, bounds[i + 1]!)),
            );
            // Partials cross a thread boundary: structured clone on the way.
            mergePartial(type, merged, structuredClone(partialOf(type, chunk, context)), context);
          }
          assert.deepEqual(
            finishPartial(type, merged, context, EXTRAS[type]),
            finishPartial(type, whole, context, EXTRAS[type]),
            type,
          );
        }
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("tallies keep at most the configured keys, counting the rest as (other)", () => {
  const tally = newTally();
  for (let i = 0; i < 10; i++) bump(tally, `k${i}`, i, 4);
  assert.equal(tally.entries.size, 5);
  assert.equal(tally.truncated, true);
  assert.equal(tally.entries.get(OTHER_KEY)?.n, 6);
});

Deno.test("unusual days: over k times the actor's own median, and above the minimum", () => {
  assert.equal(medianOf([1, 3, 2]), 2);
  assert.equal(medianOf([1, 2, 3, 4]), 2.5);
  const daily = newTally();
  const day = (actor: string, d: number, n: number) =>
    bump(daily, `${actor}\u0000${d}`, 0, 1000, n);
  for (let d = 0; d < 5; d++) day("steady", d, 10);
  day("steady", 5, 25); // 2.5× median: not unusual at k = 3
  for (let d = 0; d < 5; d++) day("spike", d, 4);
  day("spike", 5, 19); // over 3×, under the minimum of 20
  day("spike", 6, 40);
  assert.deepEqual(unusualDays(daily, 3, 20).map((u) => [u.actor, u.reads, u.median]), [
    ["spike", 40, 4],
  ]);
});
