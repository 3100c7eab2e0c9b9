/**
 * Prometheus Alertmanager as a channel (`POST /api/v2/alerts`), for teams
 * that route everything through it: labels identify the alert (Alertmanager
 * deduplicates on them), a resolution sends the same labels with `endsAt`.
 * @module
 */
import type { Alert, Notification } from "../../domain/alerts/mod.ts";
import { postJson } from "./delivery_error.ts";
import { alertLink, logSearchLink } from "./links.ts";
import type { DeliverOnce } from "./retrying_sender.ts";

const LABEL_NAME = /[^a-zA-Z0-9_]/g;

export function alertmanagerAlert(alert: Alert, notification: Notification, baseUrl: string) {
  const extra = Object.fromEntries(
    Object.entries(alert.labels).map(([k, v]) => [k.replace(LABEL_NAME, "_"), v]),
  );
  const ended = notification.action === "resolve";
  return {
    labels: {
      ...extra,
      alertname: alert.labels.alertname ?? alert.title.slice(0, 200),
      severity: alert.severity,
      source: alert.source,
      fingerprint: alert.fingerprint,
    },
    annotations: {
      summary: alert.title,
      ...(alert.description ? { description: alert.description } : {}),
      occurrence_count: String(alert.occurrenceCount),
      logs: logSearchLink(baseUrl, alert),
    },
    startsAt: alert.firstSeenAt.toISOString(),
    ...(ended ? { endsAt: (alert.resolvedAt ?? new Date()).toISOString() } : {}),
    generatorURL: alertLink(baseUrl, alert),
  };
}

export function alertmanagerDelivery(options: { readonly url: string; readonly baseUrl: string }) {
  const endpoint = `${options.url.replace(/\/$/, "")}/api/v2/alerts`;
  const deliver: DeliverOnce = async (notification, signal) => {
    if (notification.action === "acknowledge") return; // Alertmanager has no acknowledgement
    const alerts = notification.alerts.map((a) =>
      alertmanagerAlert(a, notification, options.baseUrl)
    );
    await postJson(endpoint, alerts, { signal });
  };
  return deliver;
}
