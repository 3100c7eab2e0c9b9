/**
 * Postgres limits of SPEC S10 on the real server: each kind of statement runs
 * on a client with its own `statement_timeout` (API requests, maintenance),
 * and an idempotent read whose connection breaks is retried on a new
 * connection (the break caused for real by the fault proxy), while the same
 * failure of a statement that is not wrapped as a read is reported, not
 * retried.
 */
import assert from "node:assert/strict";
import { buildAdapters } from "../../composition/adapters.ts";
import { parseConfig } from "../../infra/config/mod.ts";
import { createLogger } from "../../infra/logging/mod.ts";
import { createMetrics } from "../../infra/metrics/mod.ts";
import { createSql } from "../../infra/postgres/mod.ts";
import { isConnectionFailure, retryRead } from "../../infra/postgres/read_retry.ts";
import { openPostgres } from "../support/databases.ts";
import { startFaultProxy } from "../support/fault_proxy.ts";
import { requireService } from "../support/services.ts";

const pgUrl = await requireService("postgres");

Deno.test({
  name: "postgres: statement_timeout per kind of statement, from configuration",
  ignore: !pgUrl,
  async fn() {
    await using db = await openPostgres(pgUrl!);
    const adapters = await buildAdapters(
      parseConfig({
        DATABASE_URL: db.url!,
        DATABASE_STATEMENT_TIMEOUT_MS: "250",
        DATABASE_MAINTENANCE_TIMEOUT_MS: "120000",
      }),
      createLogger({ level: "fatal", serviceName: "test" }),
      createMetrics({ collectDefault: false }),
    );
    try {
      const [request] = await adapters.sql`show statement_timeout`;
      const [maintenance] = await adapters.maintenanceSql`show statement_timeout`;
      assert.deepEqual([request!.statement_timeout, maintenance!.statement_timeout], [
        "250ms",
        "2min",
      ]);
      await assert.rejects(
        adapters.sql`select pg_sleep(1)`,
        (e: { code?: string }) => e.code === "57014", // query_canceled
      );
      const [slow] = await adapters.maintenanceSql`select pg_sleep(0.4), 1 as done`;
      assert.equal(slow!.done, 1);
    } finally {
      await adapters.close();
    }
  },
});

Deno.test({
  name:
    "postgres: a read whose connection breaks is retried on a new one; a plain statement is not",
  ignore: !pgUrl,
  async fn() {
    const target = new URL(pgUrl!);
    const proxy = await startFaultProxy(`http://${target.host}`, { protocol: "tcp" });
    const viaProxy = new URL(pgUrl!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const sql = createSql({ kind: "url", url: viaProxy.toString(), poolMax: 1 });
    const breakSoon = () =>
      setTimeout(async () => {
        await proxy.stop(); // every open connection is cut mid-statement
        await proxy.start();
      }, 150);
    try {
      await sql`select 1`;
      breakSoon();
      const failure = await sql`select pg_sleep(0.5)`.then(() => undefined, (e) => e);
      assert.ok(isConnectionFailure(failure), `a connection failure: ${failure}`);

      proxy.resetCounts();
      breakSoon();
      const [row] = await retryRead(() => sql`select pg_sleep(0.5), 42 as answer`, 2);
      assert.equal(row!.answer, 42);
      assert.ok(proxy.connections >= 1, "the retry opened a new connection");
    } finally {
      await sql.end({ timeout: 1 });
      await proxy.close();
    }
  },
});
