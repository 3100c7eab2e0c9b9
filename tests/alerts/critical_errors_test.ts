/**
 * The service's own alerts: stable fingerprints, the breaker seam (a breaker
 * open longer than the configured time raises one alert, closing it resolves
 * it), and a bad routing table stopping start-up with every problem listed.
 */
import assert from "node:assert/strict";
import { criticalFingerprint } from "../../domain/alerts/mod.ts";
import { ConfigError, parseConfig } from "../../infra/config/mod.ts";
import { integration } from "../support/services.ts";
import { alertingFixture } from "./alerting_fixture.ts";

Deno.test("config: a bad ALERT_ROUTES stops start-up listing every problem", () => {
  const routes = JSON.stringify([
    { match: { severity: ["critical", "urgent"] }, channels: ["pagerduty", "teams"] },
    { match: { colour: "red" }, channels: ["slack"], repeat_interval: "often", extra: 1 },
    { channels: ["email"], group_window: "30s" },
  ]);
  let problems: readonly string[] = [];
  try {
    parseConfig({ ALERT_ROUTES: routes, ALERT_SLACK_WEBHOOK_URL: "http://127.0.0.1:1/hook" });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    problems = error.problems;
  }
  assert.deepEqual(problems, [
    'ALERT_ROUTES[0].match.severity[1]: unknown value "urgent" (one of critical, high, medium, low, info)',
    'ALERT_ROUTES[0].channels[1]: unknown value "teams" (one of slack, email, pagerduty, webhook, alertmanager)',
    'ALERT_ROUTES[0].channels[0]: "pagerduty" needs ALERT_PAGERDUTY_ROUTING_KEY',
    "ALERT_ROUTES[1].extra: unknown key",
    "ALERT_ROUTES[1].match.colour: unknown matcher",
    "ALERT_ROUTES[1].repeat_interval: must be a duration such as 30s, 5m or 4h",
    'ALERT_ROUTES[2].channels[0]: "email" needs ALERT_EMAIL_SMTP_HOST',
  ]);
  assert.throws(() => parseConfig({ ALERT_ROUTES: "{not json" }), /ALERT_ROUTES: not JSON/);
});

Deno.test("critical errors: fingerprints are stable (kind and subject only)", () => {
  assert.equal(
    criticalFingerprint("logging-audit-service", "breaker_open", "elasticsearch:primary"),
    "logging-audit-service/breaker_open/elasticsearch:primary",
  );
});

await integration(
  "critical errors: breaker open past the threshold raises one alert; closing resolves it",
  ["postgres"],
  async (urls) => {
    await using fx = await alertingFixture(urls.postgres, { ALERT_BREAKER_OPEN_SECONDS: "30" });
    const { breakers } = fx.service.alerting;
    breakers.stateChanged("elasticsearch:primary", "open", new Date(Date.now() - 10_000));
    await breakers.check();
    assert.equal(
      (await (await fx.request("/api/v1/alerts")).json()).items.length,
      0,
      "open 10 s < 30 s",
    );
    breakers.stateChanged("elasticsearch:fallback", "open", new Date(Date.now() - 45_000));
    breakers.stateChanged("elasticsearch:fallback", "half_open"); // still open since 45 s ago
    await breakers.check();
    await breakers.check();
    let items = (await (await fx.request("/api/v1/alerts")).json()).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].fingerprint, "logging-audit-service/breaker_open/elasticsearch:fallback");
    assert.equal(items[0].severity, "critical");
    assert.equal(items[0].occurrence_count, 2);
    breakers.stateChanged("elasticsearch:fallback", "closed");
    await breakers.check();
    items = (await (await fx.request("/api/v1/alerts")).json()).items;
    assert.equal(items[0].status, "resolved");

    // The other sources go through the same entry: the worker queue, retention, the audit store.
    fx.service.alerting.critical({ kind: "worker_queue_saturated", subject: "worker_pool" });
    fx.service.alerting.critical({ kind: "worker_queue_saturated", subject: "worker_pool" }); // throttled
    await new Promise((resolve) => setTimeout(resolve, 300));
    items = (await (await fx.request("/api/v1/alerts?status=open")).json()).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].fingerprint, "logging-audit-service/worker_queue_saturated/worker_pool");
    assert.equal(items[0].occurrence_count, 1);
    const audit = await fx.db.sql<{ action: string }[]>`
    select action from audit_log where action like 'alert.%' order by seq`;
    assert.deepEqual(audit.map((a) => a.action), [
      "alert.created",
      "alert.resolved",
      "alert.created",
    ]);
  },
);
