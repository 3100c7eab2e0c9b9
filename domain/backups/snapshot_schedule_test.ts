import assert from "node:assert/strict";
import {
  expiredSnapshots,
  scheduledSnapshotName,
  slmCron,
  slotAt,
  standardCron,
} from "./snapshot_schedule.ts";
import type { SnapshotInfo } from "./ports.ts";

const daily = { timeUtc: "01:30", everyHours: 24 };
const sixHourly = { timeUtc: "01:30", everyHours: 6 };

Deno.test("slots: the latest scheduled instant at or before now", () => {
  assert.equal(
    slotAt(new Date("2026-12-04T05:00:00Z"), daily).toISOString(),
    "2026-12-04T01:30:00.000Z",
  );
  assert.equal(
    slotAt(new Date("2026-12-04T01:29:59Z"), daily).toISOString(),
    "2026-12-03T01:30:00.000Z",
  );
  assert.equal(
    slotAt(new Date("2026-12-04T01:30:00Z"), daily).toISOString(),
    "2026-12-04T01:30:00.000Z",
  );
  assert.equal(
    slotAt(new Date("2026-12-04T13:31:00Z"), sixHourly).toISOString(),
    "2026-12-04T13:30:00.000Z",
  );
  assert.equal(
    slotAt(new Date("2026-12-04T00:10:00Z"), sixHourly).toISOString(),
    "2026-12-03T19:30:00.000Z",
  );
});

Deno.test("crons for SLM and OpenSearch snapshot management name the same hours", () => {
  assert.equal(slmCron(daily), "0 30 1 * * ?");
  assert.equal(standardCron(daily), "30 1 * * *");
  assert.equal(slmCron(sixHourly), "0 30 1,7,13,19 * * ?");
  assert.equal(standardCron({ timeUtc: "23:05", everyHours: 12 }), "5 11,23 * * *");
});

Deno.test("scheduled snapshot names are the same for every pod and sort by time", () => {
  const name = scheduledSnapshotName("logging-audit", new Date("2026-12-04T01:30:00Z"));
  assert.equal(name, "logging-audit-2026.12.04-0130");
});

function snapshot(name: string, hoursAgo: number, state = "SUCCESS"): SnapshotInfo {
  return {
    name,
    state,
    startedAt: new Date(Date.parse("2026-12-10T00:00:00Z") - hoursAgo * 3_600_000),
    indices: ["a"],
    shards: { total: 1, failed: state === "SUCCESS" ? 0 : 1 },
    failures: [],
  };
}

Deno.test("retention: old beyond the minimum, beyond the maximum, superseded failures; never others", () => {
  const now = new Date("2026-12-10T00:00:00Z");
  const snaps = [
    snapshot("la-1", 1),
    snapshot("la-2", 30, "PARTIAL"),
    snapshot("la-3", 48),
    snapshot("la-4", 24 * 40),
    snapshot("la-5", 24 * 41),
    snapshot("la-6", 24 * 42),
    snapshot("manual-1", 24 * 400),
  ];
  const retention = { expireAfterMs: 30 * 86_400_000, minCount: 3, maxCount: 100 };
  assert.deepEqual(expiredSnapshots(snaps, "la", retention, now).sort(), ["la-2", "la-5", "la-6"]);
  assert.deepEqual(
    expiredSnapshots(snaps, "la", { ...retention, maxCount: 2 }, now).sort(),
    ["la-2", "la-4", "la-5", "la-6"],
  );
});
