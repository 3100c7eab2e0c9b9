import type { Alert, AlertSeverity, AlertStatus } from "../../../domain/alerts/mod.ts";

/** A row of `alerts` as the driver returns it. */
export interface AlertRow {
  readonly id: string;
  readonly fingerprint: string;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  readonly source: string;
  readonly title: string;
  readonly description: string | null;
  readonly details: Record<string, unknown>;
  readonly labels: Record<string, string>;
  readonly occurrence_count: number;
  readonly first_seen_at: Date;
  readonly last_seen_at: Date;
  readonly last_notified_at: Date | null;
  readonly acknowledged_by: string | null;
  readonly acknowledged_at: Date | null;
  readonly resolved_by: string | null;
  readonly resolved_at: Date | null;
  readonly previous_alert_id: string | null;
  readonly rule_id: string | null;
  readonly group_key: string | null;
  readonly silenced: boolean;
  readonly notifications: Alert["notifications"];
}

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    severity: row.severity,
    status: row.status,
    source: row.source,
    title: row.title,
    description: row.description,
    details: row.details,
    labels: row.labels,
    occurrenceCount: row.occurrence_count,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    previousAlertId: row.previous_alert_id,
    ruleId: row.rule_id,
    groupKey: row.group_key,
    silenced: row.silenced,
    notifications: row.notifications,
  };
}
