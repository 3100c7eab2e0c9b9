/** `alert_silences` on Postgres. @module */
import type postgres from "postgres";
import type { Silence, SilenceStore } from "../../../domain/alerts/mod.ts";
import type { Sql } from "../client.ts";
import { isUuid } from "./alert_store.ts";

interface SilenceRow {
  readonly id: string;
  readonly matchers: Silence["matchers"];
  readonly starts_at: Date;
  readonly ends_at: Date;
  readonly comment: string;
  readonly created_by: string;
  readonly created_at: Date;
  readonly expired_at: Date | null;
}

function toSilence(row: SilenceRow): Silence {
  return {
    id: row.id,
    matchers: row.matchers,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiredAt: row.expired_at,
  };
}

export function createPostgresSilenceStore(sql: Sql): SilenceStore {
  return {
    async create(silence) {
      const [row] = await sql<SilenceRow[]>`
        insert into alert_silences (id, matchers, starts_at, ends_at, comment, created_by, created_at)
        values (${silence.id}, ${sql.json(silence.matchers as postgres.JSONValue)},
                ${silence.startsAt}, ${silence.endsAt}, ${silence.comment}, ${silence.createdBy},
                ${silence.createdAt})
        returning *`;
      return toSilence(row!);
    },
    async get(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await sql<SilenceRow[]>`select * from alert_silences where id = ${id}`;
      return row ? toSilence(row) : undefined;
    },
    async active(now) {
      const rows = await sql<SilenceRow[]>`
        select * from alert_silences
         where expired_at is null and ends_at > ${now}
         order by ends_at`;
      return rows.map(toSilence);
    },
    async list({ includeExpired, limit }) {
      const rows = await sql<SilenceRow[]>`
        select * from alert_silences
         where ${includeExpired ? sql`true` : sql`expired_at is null and ends_at > now()`}
         order by created_at desc, id desc
         limit ${limit}`;
      return rows.map(toSilence);
    },
    async expire(id, at) {
      if (!isUuid(id)) return undefined;
      const [row] = await sql<SilenceRow[]>`
        update alert_silences set expired_at = ${at}
         where id = ${id} and expired_at is null and ends_at > ${at}
        returning *`;
      return row ? toSilence(row) : undefined;
    },
  };
}
