import assert from "node:assert/strict";
import { newEventId } from "../../composition/audit_trail.ts";
import type { AlertOccurrence, NotifyPlan } from "../../domain/alerts/mod.ts";
import { createPostgresAlertStore, createPostgresOutbox } from "../../infra/postgres/alerts/mod.ts";
import { testOnEachDatabase } from "../support/databases.ts";

const diskFull: AlertOccurrence = {
  fingerprint: "disk-full:db-1",
  severity: "critical",
  source: "db-1",
  title: "Disk full",
  details: { used: 0.99 },
  labels: { team: "storage" },
};
const plan: NotifyPlan = {
  channels: ["slack", "pagerduty"],
  repeatIntervalMs: 3_600_000,
  groupWindowMs: 0,
  groupKey: "alert:disk-full:db-1",
};
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

await testOnEachDatabase("alert store: dedup, repeat interval, reopen, transitions", async (db) => {
  const store = createPostgresAlertStore(db.sql);
  const outbox = createPostgresOutbox(db.sql);
  const first = await store.record(diskFull, {
    id: newEventId(),
    at: at(1),
    silenced: false,
    notify: plan,
  });
  assert.equal(first.created, true);
  assert.deepEqual(first.queued, ["slack", "pagerduty"]);
  assert.equal(first.alert.notifications.slack?.status, "pending");
  const again = await store.record(diskFull, {
    id: newEventId(),
    at: at(5),
    silenced: false,
    notify: plan,
  });
  assert.equal(again.alert.id, first.alert.id, "same unresolved fingerprint: one alert");
  assert.equal(again.alert.occurrenceCount, 2);
  assert.deepEqual(again.alert.lastSeenAt, at(5));
  assert.deepEqual(again.queued, [], "inside the repeat interval: not notified again");
  const later = await store.record(diskFull, {
    id: newEventId(),
    at: at(70),
    silenced: false,
    notify: plan,
  });
  assert.deepEqual(
    later.queued,
    ["slack", "pagerduty"],
    "past the repeat interval: notified again",
  );

  const claimed = await outbox.claimDue({ now: at(71), leaseMs: 60_000, limit: 10 });
  // The repeat joined the triggers still waiting: one row per channel.
  assert.equal(claimed.length, 2);
  assert.deepEqual(
    await outbox.claimDue({ now: at(71), leaseMs: 60_000, limit: 10 }),
    [],
    "leased",
  );
  for (const item of claimed) {
    await outbox.complete(item, { status: "sent", attempts: 1, at: at(71) });
  }
  const sent = await store.get(first.alert.id);
  assert.equal(sent?.notifications.slack?.status, "sent");

  const acked = await store.transition(first.alert.id, {
    to: "acknowledged",
    by: "alice",
    at: at(72),
    channels: () => ["pagerduty"],
  });
  assert.equal(acked?.status, "acknowledged");
  assert.equal(acked?.acknowledgedBy, "alice");
  assert.equal(
    await store.transition(first.alert.id, {
      to: "acknowledged",
      by: "bob",
      at: at(73),
      channels: () => [],
    }),
    undefined,
    "acknowledged twice: refused",
  );
  const resolved = await store.transition(first.alert.id, {
    to: "resolved",
    by: "alice",
    at: at(74),
    channels: () => ["pagerduty"],
  });
  assert.equal(resolved?.status, "resolved");
  const actions = (await outbox.claimDue({ now: at(75), leaseMs: 1, limit: 10 })).map((i) =>
    i.action
  );
  assert.deepEqual(actions, ["acknowledge", "resolve"]);

  const reopened = await store.record(diskFull, {
    id: newEventId(),
    at: at(80),
    silenced: false,
    notify: plan,
  });
  assert.equal(reopened.created, true);
  assert.notEqual(reopened.alert.id, first.alert.id);
  assert.equal(reopened.alert.previousAlertId, first.alert.id, "linked to the resolved one");
  assert.equal(reopened.alert.occurrenceCount, 1);

  assert.equal((await store.findUnresolved({ limit: 10 })).length, 1);
  assert.equal(
    (await store.findBySeverityAndStatus({
      severities: ["critical"],
      statuses: ["resolved"],
      limit: 10,
    }))
      .length,
    1,
  );
  assert.deepEqual(await store.countOpen(), { critical: 1 });
  assert.equal(await store.get("not-a-uuid"), undefined);
});

await testOnEachDatabase(
  "alert store: 100 concurrent occurrences are one alert, one notification per channel",
  async (db) => {
    const store = createPostgresAlertStore(db.sql);
    const outbox = createPostgresOutbox(db.sql);
    const results = await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          store.record(diskFull, {
            id: newEventId(),
            at: at(1),
            silenced: false,
            notify: { ...plan, groupWindowMs: 30_000 },
          }),
      ),
    );
    assert.equal(new Set(results.map((r) => r.alert.id)).size, 1);
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(results.filter((r) => r.queued.length > 0).length, 1);
    const [alert] = await store.findUnresolved({ limit: 10 });
    assert.equal(alert?.occurrenceCount, 100);
    assert.deepEqual(
      await outbox.claimDue({ now: at(1), leaseMs: 1, limit: 10 }),
      [],
      "group window",
    );
    const due = await outbox.claimDue({ now: at(2), leaseMs: 1, limit: 10 });
    assert.deepEqual(due.map((d) => d.channel).sort(), ["pagerduty", "slack"]);
  },
);
