/**
 * Delivery to real receivers on loopback: Slack and PagerDuty receivers that
 * check the documented formats, a signed webhook, mailpit over SMTP (read
 * back through its API) and a real Alertmanager (read back through its v2
 * API); retries, per-channel outcomes, and dedup under concurrency.
 */
import assert from "node:assert/strict";
import { integration } from "../support/services.ts";
import {
  alertingFixture,
  mailpitMessage,
  mailpitMessages,
  WEBHOOK_SECRET,
} from "./alerting_fixture.ts";
import { pagerDutyReceiver, slackReceiver, webhookReceiver } from "./receivers.ts";

const ROUTING_KEY = "R0UT1NGKEY0000000000000000000000";

function routes(groupWindow = "0s") {
  return JSON.stringify([
    {
      match: { severity: ["critical"] },
      channels: ["pagerduty", "slack", "alertmanager", "webhook"],
      group_window: groupWindow,
    },
    { match: { severity: ["high"] }, channels: ["slack", "email"], group_window: groupWindow },
    { match: { severity: ["low", "info", "medium"] }, channels: [] },
  ]);
}

/** The three HTTP receivers; disposing of them closes all three. */
function receivers() {
  const r = {
    slack: slackReceiver(),
    pagerduty: pagerDutyReceiver(ROUTING_KEY),
    webhook: webhookReceiver(WEBHOOK_SECRET),
  };
  return {
    ...r,
    async [Symbol.asyncDispose]() {
      await Promise.all([r.slack.close(), r.pagerduty.close(), r.webhook.close()]);
    },
  };
}

function channelEnv(
  r: ReturnType<typeof receivers>,
  urls: { smtp: string; alertmanager: string },
  to: string,
) {
  const smtp = new URL(urls.smtp);
  return {
    ALERT_ROUTES: routes(),
    ALERT_SLACK_WEBHOOK_URL: r.slack.url,
    ALERT_PAGERDUTY_URL: r.pagerduty.url,
    ALERT_PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
    ALERT_WEBHOOK_URL: r.webhook.url,
    ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ALERT_ALERTMANAGER_URL: urls.alertmanager,
    ALERT_EMAIL_SMTP_HOST: smtp.hostname,
    ALERT_EMAIL_SMTP_PORT: smtp.port,
    ALERT_EMAIL_TLS: "none",
    ALERT_EMAIL_FROM: "alerts@logging-audit.test",
    ALERT_EMAIL_TO: to,
    ALERT_PUBLIC_URL: "https://logs.example.test",
  };
}

const unique = () => crypto.randomUUID().slice(0, 8);

await integration(
  "alerts: delivered to Slack, PagerDuty, webhook, Alertmanager and email in their formats",
  ["postgres", "smtp", "mailpit", "alertmanager"],
  async (urls) => {
    await using r = receivers();
    const to = `oncall-${unique()}@example.test`;
    await using fx = await alertingFixture(urls.postgres, channelEnv(r, urls, to));
    const fingerprint = `checkout/gateway-${unique()}`;
    const created = await fx.request("/api/v1/alerts", {
      method: "POST",
      role: "service",
      body: JSON.stringify({
        fingerprint,
        severity: "critical",
        source: "checkout",
        title: "Payment gateway timeouts",
        description: "customer jane.doe@example.com saw 504s",
        labels: { team: "payments" },
      }),
    });
    assert.equal(created.status, 201);
    const { alert } = await created.json();
    assert.equal(alert.description, "customer j***@example.com saw 504s", "masked before storage");
    const high = await fx.request("/api/v1/alerts", {
      method: "POST",
      role: "service",
      body: JSON.stringify({
        fingerprint: `disk-${unique()}`,
        severity: "high",
        source: "db-1",
        title: "Disk 91% full",
      }),
    });
    assert.equal(high.status, 201);
    await fx.drain();

    assert.deepEqual(r.slack.problems, []);
    assert.deepEqual(r.pagerduty.problems, []);
    assert.deepEqual(r.webhook.problems, []);
    assert.equal(r.slack.received.length, 2, "critical and high both go to Slack");
    const pd = r.pagerduty.received[0]!.body as Record<string, Record<string, unknown>>;
    assert.equal(pd.event_action as unknown, "trigger");
    assert.equal(pd.dedup_key as unknown, fingerprint);
    assert.equal(pd.payload!.severity, "critical");
    assert.equal(pd.payload!.source, "checkout");
    assert.equal(pd.payload!.summary, "Payment gateway timeouts");
    const blocks = JSON.stringify(r.slack.received[0]!.body.blocks);
    assert.match(blocks, /https:\/\/logs\.example\.test\/api\/v1\/alerts\//);
    assert.match(blocks, /api\/v1\/logs\/search\?/);
    assert.match(blocks, /\*Count\*\\n1/);
    assert.equal(r.webhook.received.length, 1);

    const mails = await mailpitMessages(urls.mailpit, to);
    assert.equal(mails.length, 1);
    const mail = await mailpitMessage(urls.mailpit, mails[0]!.ID);
    assert.equal(mail.Subject, "[HIGH] Alert: Disk 91% full");
    assert.deepEqual(mail.To.map((t) => t.Address), [to]);
    assert.equal(mail.From.Address, "alerts@logging-audit.test");
    assert.match(mail.Text, /Severity: high/);
    assert.match(mail.HTML, /<h2>Disk 91% full<\/h2>/);

    const am = await fetch(
      `${urls.alertmanager}/api/v2/alerts?filter=fingerprint%3D%22${
        encodeURIComponent(fingerprint)
      }%22`,
    );
    const amAlerts = await am.json() as {
      labels: Record<string, string>;
      status: { state: string };
    }[];
    assert.equal(amAlerts.length, 1, "Alertmanager shows the alert in its own API");
    assert.equal(amAlerts[0]!.labels.severity, "critical");
    assert.equal(amAlerts[0]!.labels.team, "payments");

    const stored = await (await fx.request(`/api/v1/alerts/${alert.id}`)).json();
    for (const channel of ["pagerduty", "slack", "alertmanager", "webhook"]) {
      assert.equal(stored.notifications[channel].status, "sent", channel);
      assert.equal(stored.notifications[channel].attempts, 1, channel);
      assert.ok(stored.notifications[channel].sent_at);
    }

    // Resolve: PagerDuty gets the resolve for the same dedup_key; Alertmanager ends the alert.
    assert.equal(
      (await fx.request(`/api/v1/alerts/${alert.id}/acknowledge`, { method: "POST" })).status,
      200,
    );
    const resolved = await fx.request(`/api/v1/alerts/${alert.id}/resolve`, { method: "POST" });
    assert.equal(resolved.status, 200);
    const body = await resolved.json();
    assert.equal(body.resolved_by, "admin-1");
    assert.equal(
      (await fx.request(`/api/v1/alerts/${alert.id}/resolve`, { method: "POST" })).status,
      409,
    );
    await fx.drain();
    const actions = r.pagerduty.received.map((x) => `${x.body.event_action}:${x.body.dedup_key}`);
    assert.deepEqual(actions, [
      `trigger:${fingerprint}`,
      `acknowledge:${fingerprint}`,
      `resolve:${fingerprint}`,
    ]);
    assert.deepEqual(r.pagerduty.problems, []);
  },
);

await integration(
  "alerts: retries go only to the failed channel; past the budget the outcome is failed and the alert stays open",
  ["postgres", "smtp", "mailpit", "alertmanager"],
  async (urls) => {
    await using r = receivers();
    const to = `retry-${unique()}@example.test`;
    await using fx = await alertingFixture(urls.postgres, {
      ...channelEnv(r, urls, to),
      ALERT_CHANNEL_RETRIES: "3",
    });
    const raise = async (severity: string) => {
      const response = await fx.request("/api/v1/alerts", {
        method: "POST",
        role: "service",
        body: JSON.stringify({
          fingerprint: `f-${unique()}`,
          severity,
          source: "api",
          title: `${severity} problem`,
        }),
      });
      return (await response.json()).alert.id as string;
    };

    // Fails twice, then succeeds: 3 attempts, one delivery.
    r.slack.failNext(2, 503);
    const first = await raise("high");
    await fx.drain();
    let alert = await (await fx.request(`/api/v1/alerts/${first}`)).json();
    assert.equal(alert.notifications.slack.status, "sent");
    assert.equal(alert.notifications.slack.attempts, 3);
    assert.equal(r.slack.received.length, 1);
    assert.equal(alert.notifications.email.attempts, 1);

    // Slack down past the budget while email succeeds: only Slack is retried, then fails.
    r.slack.failNext(100, 503);
    r.slack.requests = 0;
    const second = await raise("high");
    await fx.drain();
    alert = await (await fx.request(`/api/v1/alerts/${second}`)).json();
    assert.equal(alert.status, "open");
    assert.equal(alert.notifications.slack.status, "failed");
    assert.equal(alert.notifications.slack.attempts, 4, "1 + 3 retries");
    assert.match(alert.notifications.slack.last_error, /HTTP 503/);
    assert.equal(r.slack.requests, 4);
    assert.equal(alert.notifications.email.status, "sent");
    assert.equal(alert.notifications.email.attempts, 1, "email was not sent again");
    assert.equal((await mailpitMessages(urls.mailpit, to)).length, 2);
    await fx.drain();
    assert.equal(r.slack.requests, 4, "a failed row is not taken again");
    const metrics = await (await fx.request("/metrics")).text();
    assert.match(metrics, /alert_notifications_total\{channel="slack",outcome="failed"\} 1/);
    assert.match(metrics, /alert_notifications_total\{channel="slack",outcome="retried"\} 2/);

    // A 4xx answer is not retried.
    r.slack.failNext(1, 400);
    r.slack.requests = 0;
    const third = await raise("high");
    await fx.drain();
    alert = await (await fx.request(`/api/v1/alerts/${third}`)).json();
    assert.equal(alert.notifications.slack.attempts, 1);
    assert.equal(alert.notifications.slack.status, "failed");
    r.slack.failNext(0);
  },
);

await integration(
  "alerts: a receiver's Retry-After is waited for; one beyond the longest retry delay ends the retries",
  ["postgres", "smtp", "mailpit", "alertmanager"],
  async (urls) => {
    await using r = receivers();
    await using fx = await alertingFixture(urls.postgres, {
      ...channelEnv(r, urls, `retry-after-${unique()}@example.test`),
      ALERT_CHANNEL_RETRIES: "3",
      ALERT_RETRY_MIN_DELAY_MS: "10",
      ALERT_RETRY_MAX_DELAY_MS: "3000",
    });
    const raise = async () => {
      const response = await fx.request("/api/v1/alerts", {
        method: "POST",
        role: "service",
        body: JSON.stringify({
          fingerprint: `f-${unique()}`,
          severity: "high",
          source: "api",
          title: "Rate limited",
        }),
      });
      return (await response.json()).alert.id as string;
    };

    // Slack's rate limit: 429 with Retry-After 1 s; the next attempt comes no sooner.
    r.slack.failNext(1, 429, { "retry-after": "1" });
    r.slack.arrivals.length = 0;
    const first = await raise();
    await fx.drain();
    let alert = await (await fx.request(`/api/v1/alerts/${first}`)).json();
    assert.equal(alert.notifications.slack.status, "sent");
    assert.equal(alert.notifications.slack.attempts, 2);
    const [asked, again] = r.slack.arrivals;
    assert.ok(again! - asked! >= 990, `waited ${again! - asked!} ms, not the 10 ms backoff`);

    // A 503 with an HTTP date is read the same way.
    const at = new Date(Date.now() + 2_000).toUTCString();
    r.slack.failNext(1, 503, { "retry-after": at });
    r.slack.arrivals.length = 0;
    const second = await raise();
    await fx.drain();
    alert = await (await fx.request(`/api/v1/alerts/${second}`)).json();
    assert.equal(alert.notifications.slack.attempts, 2);
    assert.ok(r.slack.arrivals[1]! - r.slack.arrivals[0]! >= 900);

    // Asked to wait a minute, past the longest delay (3 s): no attempt that would be refused.
    r.slack.failNext(1, 429, { "retry-after": "60" });
    r.slack.requests = 0;
    const third = await raise();
    await fx.drain();
    alert = await (await fx.request(`/api/v1/alerts/${third}`)).json();
    assert.equal(alert.notifications.slack.status, "failed");
    assert.equal(alert.notifications.slack.attempts, 1);
    assert.match(alert.notifications.slack.last_error, /HTTP 429.*Retry-After 60 s/);
    assert.equal(r.slack.requests, 1);
    assert.equal(alert.notifications.email.status, "sent", "other channels are unaffected");
  },
);

await integration(
  "alerts: the same occurrence raised 100 times at once is one alert with count 100 and one notification per channel",
  ["postgres", "smtp", "mailpit", "alertmanager"],
  async (urls) => {
    await using r = receivers();
    await using fx = await alertingFixture(urls.postgres, {
      ...channelEnv(r, urls, `dedup-${unique()}@example.test`),
      ALERT_ROUTES: routes("1s"),
    });
    const fingerprint = `dedup-${unique()}`;
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        fx.request("/api/v1/alerts", {
          method: "POST",
          role: "service",
          body: JSON.stringify({
            fingerprint,
            severity: "critical",
            source: "api",
            title: "Burst",
          }),
        })),
    );
    const statuses = responses.map((x) => x.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 1);
    assert.equal(statuses.filter((s) => s === 200).length, 99);
    await Promise.all(responses.map((x) => x.body?.cancel()));
    const list = await (await fx.request(`/api/v1/alerts?source=api`)).json();
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].occurrence_count, 100);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the group window
    await fx.drain();
    assert.equal(r.slack.received.length, 1);
    assert.equal(r.pagerduty.received.length, 1);
    assert.equal(r.webhook.received.length, 1);
  },
);
