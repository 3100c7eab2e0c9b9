import type { Alert } from "./alert.ts";

/** An alert as the API and the webhook show it: the documented field names (one mapping for both). */
export function alertDocument(alert: Alert) {
  return {
    id: alert.id,
    fingerprint: alert.fingerprint,
    severity: alert.severity,
    status: alert.status,
    source: alert.source,
    title: alert.title,
    description: alert.description,
    details: alert.details,
    labels: alert.labels,
    occurrence_count: alert.occurrenceCount,
    first_seen_at: alert.firstSeenAt.toISOString(),
    last_seen_at: alert.lastSeenAt.toISOString(),
    acknowledged_by: alert.acknowledgedBy,
    acknowledged_at: alert.acknowledgedAt?.toISOString() ?? null,
    resolved_by: alert.resolvedBy,
    resolved_at: alert.resolvedAt?.toISOString() ?? null,
    previous_alert_id: alert.previousAlertId,
    rule_id: alert.ruleId,
    group_key: alert.groupKey,
    silenced: alert.silenced,
    notifications: alert.notifications,
  };
}
