/**
 * Graceful shutdown of the real entry point (`main.ts` in a child process,
 * on Postgres and the OpenSearch node, the engine slowed by the fault proxy
 * so a search is still running): on SIGTERM readiness turns 503 at once; the
 * search in flight completes; a live tail gets a `closing` event; an audit
 * batch sent at that moment is stored; the search the caller ran is in their
 * history; the listener closes (new connections are refused) and the
 * process exits 0 within the grace period.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openPostgres } from "../support/databases.ts";
import { engineNamespace } from "../support/composed_service.ts";
import { startFaultProxy } from "../support/fault_proxy.ts";
import { requireService } from "../support/services.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";
import { sseReader } from "../logs/sse_reader.ts";
import { startEntryPoint } from "./entry_point.ts";

const pgUrl = await requireService("postgres");
const opensearch = await requireService("opensearch");
const GRACE_MS = 8_000;

Deno.test({
  name: "SIGTERM: in-flight search completes, tail gets `closing`, audit batch stored, exit 0",
  ignore: !pgUrl || !opensearch,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const db = await openPostgres(pgUrl!);
    const ns = await engineNamespace(opensearch!);
    const proxy = await startFaultProxy(opensearch!);
    const dataDir = await Deno.makeTempDir({ prefix: "sigterm-" });
    const admin = await authHeader("admin", { sub: "admin-sigterm" });
    const service = await authHeader("service", { sub: "svc-sigterm" });
    try {
      const svc = await startEntryPoint({
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: db.url!,
        ELASTICSEARCH_URL: proxy.url,
        SEARCH_ENGINE: "opensearch",
        LOG_NAMESPACE: ns.namespace,
        ...TEST_JWT_SETTINGS,
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
        SHUTDOWN_QUIET_MS: "300",
        LOG_TAIL_POLL_MS: "200",
        WORKER_POOL_SIZE: "1",
      });
      const event = {
        "event.id": "sig-1",
        "@timestamp": new Date(Date.now() - 600_000).toISOString(),
        "service.name": "checkout",
        message: "order shipped",
      };
      const ingested = await fetch(`${svc.url}/api/v1/logs`, {
        method: "POST",
        headers: { ...service, "content-type": "application/json" },
        body: JSON.stringify([event]),
      });
      assert.equal((await ingested.json()).created, 1);
      await fetch(`${opensearch}/logs-*-${ns.namespace}/_refresh`, { method: "POST" })
        .then((r) => r.body?.cancel());

      const tail = await fetch(`${svc.url}/api/v1/logs/tail`, { headers: admin });
      assert.equal(tail.status, 200);
      const messages = sseReader(tail.body!);
      assert.equal((await messages.next(5_000))?.event, "ready");

      proxy.set("delay", { delayMs: 1_500 });
      const searching = fetch(`${svc.url}/api/v1/logs/search?q=shipped`, { headers: admin })
        .then(async (r) => ({ status: r.status, body: await r.json() }));
      await new Promise((resolve) => setTimeout(resolve, 300)); // the search reached the engine
      const appending = fetch(`${svc.url}/api/v1/audit/events`, {
        method: "POST",
        headers: { ...service, "content-type": "application/json" },
        body: JSON.stringify({
          events: [1, 2, 3].map((i) => ({
            occurred_at: new Date().toISOString(),
            actor: { id: "u-sigterm", type: "user" },
            action: "order.ship",
            action_type: "update",
            resource: { type: "order", id: `o-${i}` },
            outcome: "success",
          })),
        }),
      }).then((r) => r.status);

      const signalled = performance.now();
      svc.child.kill("SIGTERM");
      // The signal is handled on the process's next turn: readiness turns false within
      // moments, long before the slowed search (1.5 s) completes.
      let readiness = 200;
      while (readiness !== 503 && performance.now() - signalled < 500) {
        const ready = await fetch(`${svc.url}/health/ready`);
        await ready.body?.cancel();
        readiness = ready.status;
      }
      assert.equal(readiness, 503, "readiness false at once");

      const searched = await searching;
      assert.equal(searched.status, 200, JSON.stringify(searched.body));
      assert.deepEqual(searched.body.items.map((e: { message: string }) => e.message), [
        "order shipped",
      ]);
      assert.equal(await appending, 201);
      const closing = await messages.next(GRACE_MS);
      assert.equal(closing?.event, "closing");
      assert.equal(JSON.parse(closing!.data).reason, "shutdown");
      assert.equal(await messages.next(2_000), undefined, "the tail ended");

      // New connections: refused once the listener is closed (answered 503 before).
      let refused = false;
      while (!refused && performance.now() - signalled < GRACE_MS + 2_000) {
        const probe = await fetch(`${svc.url}/api/v1/me`, { headers: admin }).then(
          (r) => r.body?.cancel().then(() => r.status),
          () => "refused" as const,
        );
        if (probe === "refused") refused = true;
        else assert.equal(probe, 503);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(refused, "the listener closed");
      const status = await svc.child.status;
      const took = performance.now() - signalled;
      await svc.drained;
      assert.equal(status.code, 0, svc.log.text.slice(-3_000));
      assert.ok(took < GRACE_MS + 2_000, `exited after ${Math.round(took)} ms`);
      assert.match(svc.log.text, /listener closed; flushing and closing connections/);

      const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
      try {
        const [audit] =
          await sql`select count(*)::int as n from audit_log where action = 'order.ship'`;
        assert.equal(audit!.n, 3, "the audit batch is stored");
        const [history] = await sql`select count(*)::int as n from search_history
                                    where user_id = 'admin-sigterm'`;
        assert.equal(history!.n, 1, "the search is in the caller's history");
      } finally {
        await sql.end();
      }
    } finally {
      await proxy.close();
      await ns.drop();
      await db.close();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    }
  },
});
