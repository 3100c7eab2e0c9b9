/**
 * Audit rows for reports, from Postgres or the embedded PGlite. Every read
 * is a short keyset query over a window of seqs, so on the single-session
 * embedded database other requests run between two chunks, and no cursor or
 * transaction stays open. A chunk comes back as one JSON text of columns
 * (`json_agg` per column, all fed by the same ordered rows), which the worker
 * that folds it parses natively; the request thread builds no row objects.
 * @module
 */
import type postgres from "postgres";
import type { AuditEvent } from "../../../domain/audit/mod.ts";
import type { ReportRowSource, RowChunk, RowScope } from "../../../domain/reports/mod.ts";
import { auditColumns, type AuditRow, type Queryable, rowToEvent } from "../audit/audit_rows.ts";

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Seqs per query window, as a multiple of the chunk size. */
const WINDOW_CHUNKS = 8;

/** The row source over `sql`. */
export function createReportRowSource(sql: Queryable): ReportRowSource {
  return {
    async countUpTo(scope, maxSeq, limit) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from (
          select 1 from audit_log
           where seq <= ${maxSeq} and ${scopeCondition(sql, scope)}
           limit ${limit + 1}) t`;
      return row?.n ?? 0;
    },

    async chunk(scope, { afterSeq, maxSeq, limit }): Promise<RowChunk> {
      const windowEnd = Math.min(maxSeq, afterSeq + limit * WINDOW_CHUNKS);
      const [row] = await sql<{ n: number; last_seq: string | null; rows: string }[]>`
        select count(*)::int as n, max(seq)::text as last_seq,
               json_build_object(
                 'seq', coalesce(json_agg(seq), '[]'),
                 'at', coalesce(json_agg(at), '[]'),
                 'actor', coalesce(json_agg(actor_id), '[]'),
                 'actor_type', coalesce(json_agg(actor_type), '[]'),
                 'ip', coalesce(json_agg(actor_ip), '[]'),
                 'action', coalesce(json_agg(action), '[]'),
                 'action_type', coalesce(json_agg(action_type), '[]'),
                 'resource_type', coalesce(json_agg(resource_type), '[]'),
                 'resource_id', coalesce(json_agg(resource_id), '[]'),
                 'outcome', coalesce(json_agg(outcome), '[]'),
                 'purpose', coalesce(json_agg(purpose), '[]'),
                 'count', coalesce(json_agg(count), '[]'),
                 'named', coalesce(json_agg(named), '[]')
               )::text as rows
          from (
            select seq, (extract(epoch from occurred_at) * 1000)::float8 as at, actor_id,
                   actor_type, actor_ip, action, action_type, resource_type, resource_id,
                   outcome,
                   case when jsonb_typeof(metadata #> ${textArray(sql, scope.purposePath)})
                             = 'string'
                        then metadata #>> ${textArray(sql, scope.purposePath)} end as purpose,
                   case when jsonb_typeof(metadata #> ${textArray(sql, scope.countPath)})
                             = 'number'
                        then (metadata #>> ${textArray(sql, scope.countPath)})::float8 end
                     as count,
                   ${namedCondition(sql, scope)} as named
              from audit_log
             where seq > ${afterSeq} and seq <= ${windowEnd} and ${scopeCondition(sql, scope)}
             order by seq
             limit ${limit}) t`;
      const n = row?.n ?? 0;
      return {
        rows: row?.rows ?? "{}",
        count: n,
        throughSeq: n < limit ? windowEnd : Number(row!.last_seq),
      };
    },

    async subjectEvents(scope, { afterSeq, maxSeq, limit }) {
      const events: AuditEvent[] = [];
      let from = afterSeq;
      while (from < maxSeq && events.length < limit) {
        const windowEnd = Math.min(maxSeq, from + limit * WINDOW_CHUNKS);
        const want = limit - events.length;
        const rows = await sql<AuditRow[]>`
          select ${auditColumns(sql)} from audit_log
           where seq > ${from} and seq <= ${windowEnd} and ${scopeCondition(sql, scope)}
           order by seq
           limit ${want}`;
        for (const row of rows) events.push(rowToEvent(row));
        from = rows.length === want ? Number(rows[rows.length - 1]!.seq) : windowEnd;
      }
      return events;
    },
  };
}

function textArray(sql: Queryable, values: readonly string[]): Fragment {
  return sql`${sql.array([...values])}::text[]`;
}

/** Rows of the scope: its time range, and for GDPR only those by or about the subject. */
function scopeCondition(sql: Queryable, scope: RowScope): Fragment {
  const range =
    sql`occurred_at >= ${scope.from}::timestamptz and occurred_at < ${scope.to}::timestamptz`;
  const subject = scope.subject;
  if (!subject) return range;
  return sql`${range} and (actor_id = ${subject.id}
    or (resource_type = 'user' and resource_id = ${subject.id})
    or ${namedCondition(sql, scope)})`;
}

/** The metadata names the subject at one of the configured paths. */
function namedCondition(sql: Queryable, scope: RowScope): Fragment {
  const subject = scope.subject;
  if (!subject || subject.metadataPaths.length === 0) return sql`false`;
  const aliases = textArray(sql, subject.aliases);
  return subject.metadataPaths
    .map((path) => sql`coalesce(metadata #>> ${textArray(sql, path)} = any(${aliases}), false)`)
    .reduce((all, one) => sql`(${all} or ${one})`);
}
