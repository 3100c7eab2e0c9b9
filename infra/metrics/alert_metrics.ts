import client from "prom-client";
import type { AlertSeverity, ChannelName } from "../../domain/alerts/mod.ts";

/** Alerting metrics (SPEC S13): alerts raised and open, deliveries, rule evaluations. */
export function alertMetrics(registry: client.Registry) {
  const alertsCreatedTotal = new client.Counter({
    name: "alerts_created_total",
    help: "Alerts opened (new or reopened) by severity and source",
    labelNames: ["severity", "source"] as const,
    registers: [registry],
  });
  const alertsOpen = new client.Gauge({
    name: "alerts_open",
    help: "Unresolved alerts by severity (as of the last outbox drain)",
    labelNames: ["severity"] as const,
    registers: [registry],
  });
  const alertNotificationsTotal = new client.Counter({
    name: "alert_notifications_total",
    help: "Notification deliveries by channel and outcome (sent, failed, retried)",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  const alertNotificationDuration = new client.Histogram({
    name: "alert_notification_duration_seconds",
    help: "Duration of one delivery with its retries, by channel",
    labelNames: ["channel"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const alertRuleEvaluationsTotal = new client.Counter({
    name: "alert_rule_evaluations_total",
    help: "Alert rule evaluations by outcome (ok, error, timeout)",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const alertRuleEvaluationDuration = new client.Histogram({
    name: "alert_rule_evaluation_duration_seconds",
    help: "Duration of one alert rule evaluation",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  // Every label combination exists from the start, so rates and alerts see zeros, not gaps.
  for (const channel of ["slack", "email", "pagerduty", "webhook", "alertmanager"]) {
    for (const outcome of ["sent", "failed", "retried"]) {
      alertNotificationsTotal.inc({ channel, outcome }, 0);
    }
  }
  for (const outcome of ["ok", "error", "timeout"]) alertRuleEvaluationsTotal.inc({ outcome }, 0);
  return {
    alertsCreatedTotal,
    alertsOpen,
    alertNotificationsTotal,
    alertNotificationDuration,
    alertRuleEvaluationsTotal,
    alertRuleEvaluationDuration,
    /** The alert use cases' metrics port. */
    alerting: {
      alertCreated(severity: AlertSeverity, source: string) {
        alertsCreatedTotal.inc({ severity, source: source.slice(0, 64) });
      },
      notification(channel: ChannelName, outcome: "sent" | "failed" | "retried", seconds?: number) {
        alertNotificationsTotal.inc({ channel, outcome });
        if (seconds !== undefined) alertNotificationDuration.observe({ channel }, seconds);
      },
      openAlerts(counts: Partial<Record<AlertSeverity, number>>) {
        for (const severity of ["critical", "high", "medium", "low", "info"] as const) {
          alertsOpen.set({ severity }, counts[severity] ?? 0);
        }
      },
      evaluation(outcome: "ok" | "error" | "timeout", seconds: number) {
        alertRuleEvaluationsTotal.inc({ outcome });
        alertRuleEvaluationDuration.observe(seconds);
      },
    },
  };
}
