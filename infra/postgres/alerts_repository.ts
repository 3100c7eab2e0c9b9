/**
 * `alerts` (SPEC S5.3; the plan's AlertRepository with
 * `find_by_severity_and_status` and `find_unresolved_alerts`): plain
 * functions over the driver returning domain alerts. Served by the indexes
 * of migration 0001 (severity/status/last seen; unresolved by last seen).
 * @module
 */
import type {
  Alert,
  AlertOccurrence,
  AlertSeverity,
  AlertStatus,
} from "../../domain/alerts/mod.ts";
import type { Sql } from "./client.ts";

interface AlertRow {
  readonly id: string;
  readonly fingerprint: string;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  readonly source: string;
  readonly title: string;
  readonly description: string | null;
  readonly details: Record<string, unknown>;
  readonly occurrence_count: number;
  readonly first_seen_at: Date;
  readonly last_seen_at: Date;
  readonly acknowledged_by: string | null;
  readonly acknowledged_at: Date | null;
  readonly resolved_by: string | null;
  readonly resolved_at: Date | null;
  readonly notifications: Alert["notifications"];
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    severity: row.severity,
    status: row.status,
    source: row.source,
    title: row.title,
    description: row.description,
    details: row.details,
    occurrenceCount: row.occurrence_count,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
    notifications: row.notifications,
  };
}

/**
 * Records an occurrence: a new alert, or one more occurrence of the open
 * (not resolved) alert with the same fingerprint. Atomic under concurrency
 * thanks to the partial unique index on open fingerprints.
 */
export async function recordAlertOccurrence(sql: Sql, occurrence: AlertOccurrence): Promise<Alert> {
  const [row] = await sql<AlertRow[]>`
    insert into alerts (id, fingerprint, severity, source, title, description, details,
                        first_seen_at, last_seen_at)
    values (${crypto.randomUUID()}, ${occurrence.fingerprint}, ${occurrence.severity},
            ${occurrence.source}, ${occurrence.title}, ${occurrence.description ?? null},
            ${
    sql.json((occurrence.details ?? {}) as never)
  }, ${occurrence.seenAt}, ${occurrence.seenAt})
    on conflict (fingerprint) where status <> 'resolved' do update
      set occurrence_count = alerts.occurrence_count + 1,
          last_seen_at = greatest(alerts.last_seen_at, excluded.last_seen_at),
          updated_at = now()
    returning *`;
  return toAlert(row!);
}

/** Alerts of the given severities and statuses (any when omitted), most recently seen first. */
export async function findBySeverityAndStatus(
  sql: Sql,
  query: {
    readonly severities?: readonly AlertSeverity[];
    readonly statuses?: readonly AlertStatus[];
    readonly limit: number;
  },
): Promise<Alert[]> {
  const rows = await sql<AlertRow[]>`
    select * from alerts
     where ${query.severities ? sql`severity = any(${[...query.severities]}::text[])` : sql`true`}
       and ${query.statuses ? sql`status = any(${[...query.statuses]}::text[])` : sql`true`}
     order by last_seen_at desc, id
     limit ${query.limit}`;
  return rows.map(toAlert);
}

/** Open and acknowledged alerts, most recently seen first. */
export async function findUnresolvedAlerts(
  sql: Sql,
  query: { readonly limit: number },
): Promise<Alert[]> {
  const rows = await sql<AlertRow[]>`
    select * from alerts where status <> 'resolved'
     order by last_seen_at desc, id
     limit ${query.limit}`;
  return rows.map(toAlert);
}

/** Marks an open alert acknowledged; undefined when it is not open. */
export async function acknowledgeAlert(
  sql: Sql,
  id: string,
  by: string,
): Promise<Alert | undefined> {
  const [row] = await sql<AlertRow[]>`
    update alerts set status = 'acknowledged', acknowledged_by = ${by}, acknowledged_at = now(),
                      updated_at = now()
     where id = ${id} and status = 'open'
    returning *`;
  return row ? toAlert(row) : undefined;
}

/** Resolves an unresolved alert; undefined when it is already resolved or unknown. */
export async function resolveAlert(sql: Sql, id: string, by: string): Promise<Alert | undefined> {
  const [row] = await sql<AlertRow[]>`
    update alerts set status = 'resolved', resolved_by = ${by}, resolved_at = now(),
                      updated_at = now()
     where id = ${id} and status <> 'resolved'
    returning *`;
  return row ? toAlert(row) : undefined;
}
