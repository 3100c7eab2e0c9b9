import assert from "node:assert/strict";
import {
  createBreakerWatch,
  type CriticalError,
  type CriticalErrorKind,
} from "../domain/alerts/mod.ts";
import type { AuditDeps } from "../domain/audit/mod.ts";
import { nativeSha256Hex } from "../infra/crypto/native_sha256.ts";
import { createMetrics } from "../infra/metrics/mod.ts";
import { createPostgresAuditStore } from "../infra/postgres/audit/audit_store.ts";
import { openPostgres } from "../tests/support/databases.ts";
import { requireService } from "../tests/support/services.ts";
import { newEventId } from "./audit_trail.ts";
import { alertAuditDraft } from "./alerting.ts";
import { watchAudit, watchBreakers, watchRetention, workerQueueJob } from "./critical_sources.ts";
import { createBreakerRegistry } from "../infra/resilience/mod.ts";

Deno.test("the service's breakers report open, half-open and closed to the breaker watch", async () => {
  // The watch is given no alert deps: only its bookkeeping is under test here (raising the
  // alert is tested in tests/alerts/critical_errors_test.ts).
  const watch = createBreakerWatch(
    { alerts: undefined as never, source: "test", now: () => new Date() },
    { openAlertAfterMs: 60_000 },
  );
  const registry = createBreakerRegistry();
  const breaker = registry.create("search:primary", {
    failures: 1,
    halfOpenMs: 50,
    countsAsFailure: () => true,
  });
  const stop = watchBreakers(registry, { breakers: watch });
  assert.equal(watch.openSince().size, 0);
  await breaker.execute(() => Promise.reject(new Error("down"))).catch(() => {});
  assert.ok(watch.openSince().has("search:primary"));
  const since = watch.openSince().get("search:primary");
  await new Promise((resolve) => setTimeout(resolve, 80));
  await breaker.execute(() => Promise.resolve("up")); // half-open probe succeeds: closed
  assert.equal(watch.openSince().size, 0);
  assert.ok(since instanceof Date);
  stop();
});

/** Records what the sources report (alerting itself is tested in tests/alerts/). */
function recorder() {
  const raised: CriticalError[] = [];
  const cleared: [CriticalErrorKind, string][] = [];
  return {
    raised,
    cleared,
    alerts: {
      critical: (error: CriticalError) => void raised.push(error),
      cleared: (kind: CriticalErrorKind, subject: string) => void cleared.push([kind, subject]),
    },
  };
}

Deno.test("retention jobs raise retention_failed when they fail and clear it when they pass again", async () => {
  const r = recorder();
  let fail = true;
  const [job] = watchRetention([{
    name: "audit partitions and retention",
    everyMs: 1,
    run: () => fail ? Promise.reject(new Error("lock timeout")) : Promise.resolve(),
  }], r.alerts);
  await assert.rejects(() => job!.run(), /lock timeout/);
  assert.deepEqual(r.raised.map((e) => [e.kind, e.subject, e.message]), [
    ["retention_failed", "audit partitions and retention", "lock timeout"],
  ]);
  fail = false;
  await job!.run();
  await job!.run();
  assert.deepEqual(r.cleared, [["retention_failed", "audit partitions and retention"]]);
});

Deno.test("the worker queue raises while tasks are refused and clears once it drains", async () => {
  const r = recorder();
  const stats = {
    size: 1,
    busy: 1,
    idle: 0,
    queued: 0,
    completed: 0,
    failed: 0,
    timedOut: 0,
    crashed: 0,
    rejected: 0,
  };
  const job = workerQueueJob({ stats: () => ({ ...stats }) }, 64, r.alerts);
  await job.run();
  assert.equal(r.raised.length, 0);
  stats.rejected = 3;
  stats.queued = 64;
  await job.run();
  assert.deepEqual(r.raised.map((e) => e.kind), ["worker_queue_saturated"]);
  stats.queued = 10;
  await job.run();
  assert.deepEqual(r.cleared, [["worker_queue_saturated", "worker_pool"]]);
});

const pg = await requireService("postgres");

Deno.test({
  name: "an audit store whose database is gone raises audit_store_unavailable",
  ignore: !pg,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const db = await openPostgres(pg!, { migrate: true });
    const store = createPostgresAuditStore(db.sql, {
      sha256: nativeSha256Hex,
      now: () => new Date(),
      metrics: createMetrics({ collectDefault: false }),
    });
    const r = recorder();
    const audit = watchAudit({ store } as unknown as AuditDeps, r.alerts);
    const draft = alertAuditDraft({
      actor: { id: "t", type: "system" },
      action: "alert.created",
      resource: { type: "alert", id: newEventId() },
      metadata: {},
    }, new Date());
    assert.equal((await audit.store.append([draft]))[0]?.status, "created");
    await db.close(); // the database is dropped: every append now fails
    await assert.rejects(() => audit.store.append([{ ...draft, id: newEventId() }]));
    assert.deepEqual(r.raised.map((e) => [e.kind, e.subject]), [[
      "audit_store_unavailable",
      "audit_log",
    ]]);
    await (store as unknown as { close(): Promise<void> }).close?.();
  },
});
