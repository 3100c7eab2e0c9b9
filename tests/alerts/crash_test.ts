/**
 * A notification in the outbox survives `kill -9`: the service process is
 * killed while its notifications wait out their group window, started again
 * on the same database, and each is delivered exactly once.
 */
import assert from "node:assert/strict";
import { openPostgres } from "../support/databases.ts";
import { requireService } from "../support/services.ts";
import { authHeader, TEST_JWT_SETTINGS } from "../support/tokens.ts";
import { slackReceiver } from "./receivers.ts";

const pg = await requireService("postgres");
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test({
  name: "alerts: after kill -9 with notifications in the outbox, each is delivered exactly once",
  ignore: !pg,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using db = await openPostgres(pg!, { migrate: true });
    await using slack = slackReceiver();
    const dataDir = await Deno.makeTempDir({ prefix: "alerts-crash-" });
    const port = freePort();
    const env = {
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "error",
      DATABASE_URL: db.url!,
      ...TEST_JWT_SETTINGS,
      ALERT_SLACK_WEBHOOK_URL: slack.url,
      ALERT_ROUTES: JSON.stringify([{ match: {}, channels: ["slack"], group_window: "4s" }]),
      ALERT_OUTBOX_POLL_MS: "200",
      ALERT_RULES_ENABLED: "false",
    };
    const start = () =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", MAIN],
        env,
        stdout: "null",
        stderr: "null",
      }).spawn();
    const url = `http://127.0.0.1:${port}`;
    const ready = () =>
      fetch(`${url}/health/ready`).then((r) => (r.body?.cancel(), r.ok), () => false);

    let child = start();
    await waitFor(ready, 60_000, "the service to be ready");
    const headers = {
      ...await authHeader("service", { sub: "svc-1" }),
      "content-type": "application/json",
    };
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${url}/api/v1/alerts`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          fingerprint: `crash-${i}`,
          severity: "high",
          source: "api",
          title: `Crash ${i}`,
        }),
      });
      assert.equal(response.status, 201);
      await response.body?.cancel();
    }
    child.kill("SIGKILL");
    await child.status;
    assert.equal(slack.received.length, 0, "killed before the group window ended");
    const [pending] = await db
      .sql`select count(*)::int as n from alert_outbox where status = 'pending'`;
    assert.equal(pending!.n, 5);

    child = start();
    try {
      await waitFor(() => slack.received.length >= 5, 60_000, "the deliveries after the restart");
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // time for any duplicate
      assert.equal(slack.received.length, 5);
      const titles = slack.received.map((r) => String(r.body.text)).sort();
      assert.deepEqual(titles, [0, 1, 2, 3, 4].map((i) => `[HIGH] Alert: Crash ${i}`));
      const rows = await db.sql`select status, attempts from alert_outbox`;
      assert.ok(rows.every((r) => r.status === "sent" && r.attempts === 1));
    } finally {
      child.kill("SIGKILL");
      await child.status;
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    }
  },
});
