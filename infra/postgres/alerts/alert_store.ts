/**
 * `alerts` on Postgres (the plan's AlertRepository: `find_by_severity_and_status`,
 * `find_unresolved_alerts`): occurrences are deduplicated under the partial
 * unique index on unresolved fingerprints, and notifications are queued in
 * the outbox in the same transaction as the change that causes them.
 * @module
 */
import type postgres from "postgres";
import { ALERT_ID, type AlertStore, type NotifyPlan } from "../../../domain/alerts/mod.ts";
import type { Sql } from "../client.ts";
import { type AlertRow, toAlert } from "./alert_rows.ts";
import { enqueueNotifications } from "./outbox_rows.ts";

type Row = AlertRow & { readonly inserted?: boolean };

export function createPostgresAlertStore(sql: Sql): AlertStore {
  return {
    async record(occurrence, options) {
      // The common repeat: an unresolved alert and no notification due. One statement, no
      // transaction; the condition is checked again on the locked row, so a due notification
      // always takes the path below.
      const repeatMs = options.notify?.repeatIntervalMs ?? 0;
      const [counted] = await sql<AlertRow[]>`
        update alerts set
          occurrence_count = occurrence_count + 1,
          last_seen_at = greatest(last_seen_at, ${options.at}),
          updated_at = now()
        where fingerprint = ${occurrence.fingerprint} and status <> 'resolved'
          and (${!options.notify} or (last_notified_at is not null
               and last_notified_at > ${new Date(options.at.getTime() - repeatMs)}))
        returning *`;
      if (counted) return { alert: toAlert(counted), created: false, queued: [] };
      return await sql.begin(async (tx) => {
        for (let attempt = 0; attempt < 5; attempt++) {
          const [open] = await tx<AlertRow[]>`
            select * from alerts where fingerprint = ${occurrence.fingerprint}
               and status <> 'resolved' for update`;
          if (open) {
            const notify = due(open, options.notify, options.at);
            const [row] = await tx<AlertRow[]>`
              update alerts set
                occurrence_count = occurrence_count + 1,
                last_seen_at = greatest(last_seen_at, ${options.at}),
                last_notified_at = ${notify ? options.at : open.last_notified_at},
                updated_at = now()
              where id = ${open.id}
              returning *`;
            if (notify) await queue(tx, row!.id, notify, options.at);
            const alert = notify ? await reread(tx, row!.id) : toAlert(row!);
            return { alert, created: false, queued: notify ? notify.channels : [] };
          }
          const notify = options.notify;
          const [row] = await tx<Row[]>`
            insert into alerts (
              id, fingerprint, severity, source, title, description, details, labels,
              rule_id, group_key, first_seen_at, last_seen_at, last_notified_at, silenced,
              previous_alert_id)
            values (
              ${options.id}, ${occurrence.fingerprint}, ${occurrence.severity},
              ${occurrence.source}, ${occurrence.title}, ${occurrence.description ?? null},
              ${tx.json((occurrence.details ?? {}) as postgres.JSONValue)},
              ${tx.json((occurrence.labels ?? {}) as postgres.JSONValue)},
              ${occurrence.ruleId ?? null}, ${occurrence.groupKey ?? null},
              ${options.at}, ${options.at}, ${notify ? options.at : null}, ${options.silenced},
              (select id from alerts where fingerprint = ${occurrence.fingerprint}
                  and status = 'resolved' order by resolved_at desc nulls last limit 1))
            on conflict (fingerprint) where status <> 'resolved' do nothing
            returning *`;
          if (!row) continue; // a concurrent insert won: count on it
          if (notify) await queue(tx, row.id, notify, options.at);
          return {
            alert: notify ? await reread(tx, row.id) : toAlert(row),
            created: true,
            queued: notify ? notify.channels : [],
          };
        }
        throw new Error("the alert could not be recorded: its row kept changing");
      });
    },

    async get(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await sql<AlertRow[]>`select * from alerts where id = ${id}`;
      return row ? toAlert(row) : undefined;
    },

    async openByFingerprint(fingerprint) {
      const [row] = await sql<AlertRow[]>`
        select * from alerts where fingerprint = ${fingerprint} and status <> 'resolved'`;
      return row ? toAlert(row) : undefined;
    },

    async list(query) {
      const rows = await sql<AlertRow[]>`
        select * from alerts
         where ${query.statuses ? sql`status = any(${[...query.statuses]}::text[])` : sql`true`}
           and ${
        query.severities ? sql`severity = any(${[...query.severities]}::text[])` : sql`true`
      }
           and ${query.source !== undefined ? sql`source = ${query.source}` : sql`true`}
           and ${query.from ? sql`last_seen_at >= ${query.from}` : sql`true`}
           and ${query.to ? sql`first_seen_at <= ${query.to}` : sql`true`}
           and ${query.beforeId ? sql`id < ${query.beforeId}` : sql`true`}
         order by id desc
         limit ${query.limit}`;
      return rows.map(toAlert);
    },

    async findBySeverityAndStatus(query) {
      const rows = await sql<AlertRow[]>`
        select * from alerts
         where ${
        query.severities ? sql`severity = any(${[...query.severities]}::text[])` : sql`true`
      }
           and ${query.statuses ? sql`status = any(${[...query.statuses]}::text[])` : sql`true`}
         order by last_seen_at desc, id
         limit ${query.limit}`;
      return rows.map(toAlert);
    },

    async findUnresolved(query) {
      const rows = await sql<AlertRow[]>`
        select * from alerts where status <> 'resolved'
         order by last_seen_at desc, id
         limit ${query.limit}`;
      return rows.map(toAlert);
    },

    async transition(id, change) {
      if (!isUuid(id)) return undefined;
      return await sql.begin(async (tx) => {
        const allowed = change.to === "acknowledged" ? ["open"] : ["open", "acknowledged"];
        const [row] = change.to === "acknowledged"
          ? await tx<AlertRow[]>`
            update alerts set status = 'acknowledged', acknowledged_by = ${change.by},
                              acknowledged_at = ${change.at}, updated_at = now()
             where id = ${id} and status = any(${allowed}::text[])
            returning *`
          : await tx<AlertRow[]>`
            update alerts set status = 'resolved', resolved_by = ${change.by},
                              resolved_at = ${change.at}, updated_at = now()
             where id = ${id} and status = any(${allowed}::text[])
            returning *`;
        if (!row) return undefined;
        const alert = toAlert(row);
        const channels = change.channels(alert);
        if (channels.length === 0) return alert;
        await enqueueNotifications(tx, {
          alertId: id,
          channels,
          action: change.to === "acknowledged" ? "acknowledge" : "resolve",
          groupKey: `alert:${alert.fingerprint}`,
          availableAt: change.at,
        });
        return await reread(tx, id);
      });
    },

    async countOpen() {
      const rows = await sql<{ severity: AlertRow["severity"]; n: number }[]>`
        select severity, count(*)::int as n from alerts where status <> 'resolved'
         group by severity`;
      return Object.fromEntries(rows.map((r) => [r.severity, r.n]));
    },
  };
}

/** The plan when a notification is due: first one, or the repeat interval has passed. */
function due(open: AlertRow, plan: NotifyPlan | undefined, at: Date): NotifyPlan | undefined {
  if (!plan) return undefined;
  const last = open.last_notified_at;
  return !last || at.getTime() - last.getTime() >= plan.repeatIntervalMs ? plan : undefined;
}

function queue(tx: postgres.TransactionSql, alertId: string, plan: NotifyPlan, at: Date) {
  return enqueueNotifications(tx, {
    alertId,
    channels: plan.channels,
    action: "trigger",
    groupKey: plan.groupKey,
    availableAt: new Date(at.getTime() + plan.groupWindowMs),
  });
}

async function reread(tx: postgres.TransactionSql, id: string) {
  const [row] = await tx<AlertRow[]>`select * from alerts where id = ${id}`;
  return toAlert(row!);
}

/** Ids are UUIDs: anything else is unknown, not a query error. */
export function isUuid(id: string): boolean {
  return ALERT_ID.test(id);
}
