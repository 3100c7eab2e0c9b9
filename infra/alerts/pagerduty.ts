/**
 * PagerDuty Events API v2: one event per alert, `dedup_key` = the
 * fingerprint (at most 255 characters) so trigger, acknowledge and resolve
 * name the same incident; severities mapped to PagerDuty's four.
 * @module
 */
import type { Alert, AlertSeverity, Notification } from "../../domain/alerts/mod.ts";
import { postJson } from "./delivery_error.ts";
import { alertLink, logSearchLink, sampleLines } from "./links.ts";
import type { DeliverOnce } from "./retrying_sender.ts";

export const PAGERDUTY_SEVERITY: Readonly<
  Record<AlertSeverity, "critical" | "error" | "warning" | "info">
> = {
  critical: "critical",
  high: "error",
  medium: "warning",
  low: "info",
  info: "info",
};

const ACTIONS = { trigger: "trigger", acknowledge: "acknowledge", resolve: "resolve" } as const;

export function pagerDutyEvent(
  alert: Alert,
  notification: Notification,
  options: { readonly routingKey: string; readonly baseUrl: string },
) {
  const base = {
    routing_key: options.routingKey,
    event_action: ACTIONS[notification.action],
    dedup_key: alert.fingerprint.slice(0, 255),
  };
  if (notification.action !== "trigger") return base;
  return {
    ...base,
    payload: {
      summary: alert.title.slice(0, 1024),
      source: alert.source,
      severity: PAGERDUTY_SEVERITY[alert.severity],
      timestamp: alert.firstSeenAt.toISOString(),
      component: alert.labels.component ?? alert.source,
      group: alert.labels.team ?? alert.labels.alertname,
      class: alert.labels.kind ?? alert.labels.alertname,
      custom_details: {
        alert_id: alert.id,
        description: alert.description,
        occurrence_count: alert.occurrenceCount,
        first_seen_at: alert.firstSeenAt.toISOString(),
        last_seen_at: alert.lastSeenAt.toISOString(),
        labels: alert.labels,
        details: alert.details,
        samples: sampleLines(alert),
      },
    },
    links: [
      { href: alertLink(options.baseUrl, alert), text: "Alert" },
      { href: logSearchLink(options.baseUrl, alert), text: "Log search" },
    ],
  };
}

export function pagerDutyDelivery(
  options: { readonly url: string; readonly routingKey: string; readonly baseUrl: string },
) {
  const endpoint = `${options.url.replace(/\/$/, "")}/v2/enqueue`;
  const deliver: DeliverOnce = async (notification, signal) => {
    for (const alert of notification.alerts) {
      await postJson(endpoint, pagerDutyEvent(alert, notification, options), { signal });
    }
  };
  return deliver;
}
