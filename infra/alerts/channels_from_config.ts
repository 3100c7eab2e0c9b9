/**
 * The delivery channels the configuration enables, each wrapped with its
 * timeout and retries.
 * @module
 */
import type { ChannelName, ChannelSender } from "../../domain/alerts/mod.ts";
import type { Config } from "../config/mod.ts";
import { alertmanagerDelivery } from "./alertmanager.ts";
import { emailDelivery } from "./email.ts";
import { pagerDutyDelivery } from "./pagerduty.ts";
import { retryingSender, type RetryPolicy } from "./retrying_sender.ts";
import { slackDelivery } from "./slack.ts";
import { webhookDelivery } from "./webhook.ts";

export interface Channels {
  readonly senders: ReadonlyMap<ChannelName, ChannelSender>;
  close(): void;
}

export function retryPolicy(config: Config): RetryPolicy {
  return {
    timeoutMs: config.ALERT_CHANNEL_TIMEOUT_MS,
    retries: config.ALERT_CHANNEL_RETRIES,
    minDelayMs: config.ALERT_RETRY_MIN_DELAY_MS,
    maxDelayMs: Math.max(config.ALERT_RETRY_MIN_DELAY_MS, config.ALERT_RETRY_MAX_DELAY_MS),
  };
}

export function channelsFromConfig(config: Config): Channels {
  const policy = retryPolicy(config);
  const baseUrl = config.ALERT_PUBLIC_URL;
  const senders = new Map<ChannelName, ChannelSender>();
  const closers: (() => void)[] = [];
  if (config.ALERT_SLACK_WEBHOOK_URL) {
    senders.set(
      "slack",
      retryingSender(
        "slack",
        slackDelivery({ webhookUrl: config.ALERT_SLACK_WEBHOOK_URL, baseUrl }),
        policy,
      ),
    );
  }
  if (config.ALERT_EMAIL_SMTP_HOST) {
    const email = emailDelivery({
      host: config.ALERT_EMAIL_SMTP_HOST,
      port: config.ALERT_EMAIL_SMTP_PORT,
      tls: config.ALERT_EMAIL_TLS,
      user: config.ALERT_EMAIL_SMTP_USER,
      password: config.ALERT_EMAIL_SMTP_PASSWORD,
      from: config.ALERT_EMAIL_FROM,
      to: config.ALERT_EMAIL_TO,
      baseUrl,
      timeoutMs: config.ALERT_CHANNEL_TIMEOUT_MS,
    });
    closers.push(email.close);
    senders.set("email", retryingSender("email", email.deliver, policy));
  }
  if (config.ALERT_PAGERDUTY_ROUTING_KEY) {
    senders.set(
      "pagerduty",
      retryingSender(
        "pagerduty",
        pagerDutyDelivery({
          url: config.ALERT_PAGERDUTY_URL,
          routingKey: config.ALERT_PAGERDUTY_ROUTING_KEY,
          baseUrl,
        }),
        policy,
      ),
    );
  }
  if (config.ALERT_WEBHOOK_URL && config.ALERT_WEBHOOK_SECRET) {
    senders.set(
      "webhook",
      retryingSender(
        "webhook",
        webhookDelivery({
          url: config.ALERT_WEBHOOK_URL,
          secret: config.ALERT_WEBHOOK_SECRET,
          baseUrl,
        }),
        policy,
      ),
    );
  }
  if (config.ALERT_ALERTMANAGER_URL) {
    senders.set(
      "alertmanager",
      retryingSender(
        "alertmanager",
        alertmanagerDelivery({ url: config.ALERT_ALERTMANAGER_URL, baseUrl }),
        policy,
      ),
    );
  }
  return { senders, close: () => closers.forEach((close) => close()) };
}
