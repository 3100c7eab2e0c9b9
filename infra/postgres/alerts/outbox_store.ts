/**
 * The alert outbox on Postgres: due rows are leased with `for update skip
 * locked` (several instances drain without taking the same row), and an
 * outcome is written to the row and to each alert's per-channel record.
 * @module
 */
import type postgres from "postgres";
import type { AlertOutbox, OutboxItem } from "../../../domain/alerts/mod.ts";
import type { Sql } from "../client.ts";
import { type AlertRow, toAlert } from "./alert_rows.ts";

interface OutboxRow {
  readonly id: string;
  readonly channel: OutboxItem["channel"];
  readonly action: OutboxItem["action"];
  readonly group_key: string;
  readonly alert_ids: string[];
  readonly attempts: number;
}

export function createPostgresOutbox(sql: Sql): AlertOutbox {
  return {
    async claimDue({ now, leaseMs, limit }) {
      const rows = await sql<OutboxRow[]>`
        update alert_outbox set status = 'sending', lease_until = ${new Date(
        now.getTime() + leaseMs,
      )}
         where id in (
           select id from alert_outbox
            where (status = 'pending' and available_at <= ${now})
               or (status = 'sending' and lease_until < ${now})
            order by id
            limit ${limit}
            for update skip locked)
        returning id, channel, action, group_key, alert_ids, attempts`;
      return rows.sort((a, b) => Number(a.id) - Number(b.id)).map((r) => ({
        id: Number(r.id),
        channel: r.channel,
        action: r.action,
        groupKey: r.group_key,
        alertIds: r.alert_ids,
        attempts: r.attempts,
      }));
    },

    async complete(item, outcome) {
      const record = {
        status: outcome.status,
        attempts: outcome.attempts,
        action: item.action,
        ...(outcome.lastError ? { last_error: outcome.lastError.slice(0, 1000) } : {}),
        ...(outcome.status === "sent" ? { sent_at: outcome.at.toISOString() } : {}),
      };
      await sql.begin(async (tx) => {
        await tx`
          update alert_outbox set status = ${outcome.status}, attempts = ${outcome.attempts},
                 last_error = ${outcome.lastError?.slice(0, 1000) ?? null},
                 sent_at = ${outcome.status === "sent" ? outcome.at : null}, lease_until = null
           where id = ${item.id}`;
        await tx`
          update alerts
             set notifications = notifications ||
                 jsonb_build_object(${item.channel}::text, ${
          tx.json(record as postgres.JSONValue)
        }::jsonb)
           where id = any(${[...item.alertIds]}::uuid[])`;
      });
    },

    async alerts(ids) {
      if (ids.length === 0) return [];
      const rows = await sql<AlertRow[]>`
        select * from alerts where id = any(${[...ids]}::uuid[]) order by first_seen_at, id`;
      return rows.map(toAlert);
    },
  };
}
