import assert from "node:assert/strict";
import { testOnEachDatabase } from "../../tests/support/databases.ts";
import {
  acknowledgeAlert,
  findBySeverityAndStatus,
  findUnresolvedAlerts,
  recordAlertOccurrence,
  resolveAlert,
} from "./alerts_repository.ts";

await testOnEachDatabase("alerts repository", async (db) => {
  const sql = db.sql;
  const seen = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  const diskFull = {
    fingerprint: "disk-full:db-1",
    severity: "critical",
    source: "db-1",
    title: "Disk full",
    details: { used: 0.99 },
  } as const;
  const disk = await recordAlertOccurrence(sql, { ...diskFull, seenAt: seen(1) });
  const again = await recordAlertOccurrence(sql, { ...diskFull, seenAt: seen(5) });
  assert.equal(again.id, disk.id, "same open fingerprint: one alert");
  assert.equal(again.occurrenceCount, 2);
  assert.deepEqual(again.lastSeenAt, seen(5));
  const slow = await recordAlertOccurrence(sql, {
    fingerprint: "slow-search",
    severity: "medium",
    source: "api",
    title: "Slow searches",
    seenAt: seen(3),
  });
  const deployed = {
    fingerprint: "deploy",
    severity: "info",
    source: "ci",
    title: "Deployed",
  } as const;
  const info = await recordAlertOccurrence(sql, { ...deployed, seenAt: seen(4) });

  assert.ok(await acknowledgeAlert(sql, slow.id, "sre-1"));
  assert.equal(await acknowledgeAlert(sql, slow.id, "sre-2"), undefined, "only open alerts");
  assert.ok(await resolveAlert(sql, info.id, "sre-1"));

  const ids = (alerts: { id: string }[]) => alerts.map((a) => a.id);
  assert.deepEqual(ids(await findUnresolvedAlerts(sql, { limit: 10 })), [disk.id, slow.id]);
  assert.deepEqual(
    ids(
      await findBySeverityAndStatus(sql, {
        severities: ["critical", "medium"],
        statuses: ["open"],
        limit: 10,
      }),
    ),
    [disk.id],
  );
  assert.deepEqual(
    ids(
      await findBySeverityAndStatus(sql, { statuses: ["acknowledged", "resolved"], limit: 10 }),
    ),
    [info.id, slow.id],
  );
  assert.deepEqual(ids(await findBySeverityAndStatus(sql, { limit: 2 })), [disk.id, info.id]);

  const reopened = await recordAlertOccurrence(sql, { ...deployed, seenAt: seen(9) });
  assert.notEqual(reopened.id, info.id, "a resolved fingerprint opens a new alert");
  assert.equal(reopened.status, "open");
});
