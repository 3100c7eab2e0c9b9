/**
 * Audit rows for reports, from Postgres or the embedded PGlite. Every read
 * is a short query over one window of seqs, so on the single-session
 * embedded database other requests run between two chunks, and no cursor or
 * transaction stays open. A chunk comes back as one JSON text of columns
 * (`json_agg` per column, all fed by the same ordered rows), which the worker
 * that folds it parses natively; the request thread builds no row objects.
 * @module
 */
import type postgres from "postgres";
import type { AuditEvent } from "../../../domain/audit/mod.ts";
import type {
  ReportRows,
  ReportRowSource,
  RowChunk,
  RowFocus,
  RowScope,
} from "../../../domain/reports/mod.ts";
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

    async chunk(scope, { afterSeq, throughSeq }): Promise<RowChunk> {
      const columns = scope.columns.map((name, i) => ({
        name,
        alias: sql(`c${i}`),
        expression: columnExpression(sql, scope, name),
      }));
      const selected = columns.map((c) => sql`${c.expression} as ${c.alias}`)
        .reduce((all, one) => sql`${all}, ${one}`);
      const pairs = columns.map((c) => sql`${c.name}::text, coalesce(json_agg(${c.alias}), '[]')`)
        .reduce((all, one) => sql`${all}, ${one}`);
      const [row] = await sql<{ n: number; rows: string }[]>`
        select count(*)::int as n, json_build_object(${pairs})::text as rows
          from (
            select ${selected}
              from audit_log
             where seq > ${afterSeq} and seq <= ${throughSeq} and ${scopeCondition(sql, scope)}
             order by seq) t`;
      return { rows: row?.rows ?? "{}", count: row?.n ?? 0 };
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

/** The SQL of one report column. */
function columnExpression(sql: Queryable, scope: RowScope, column: keyof ReportRows): Fragment {
  switch (column) {
    case "seq":
      return sql`seq`;
    case "at":
      return sql`floor(date_part('epoch', occurred_at) * 1000)`;
    case "actor":
      return sql`actor_id`;
    case "actor_type":
      return sql`actor_type`;
    case "ip":
      return sql`actor_ip`;
    case "action":
      return sql`action`;
    case "action_type":
      return sql`action_type`;
    case "resource_type":
      return sql`resource_type`;
    case "resource_id":
      return sql`resource_id`;
    case "outcome":
      return sql`outcome`;
    case "purpose": {
      const path = textArray(sql, scope.purposePath);
      return sql`case when jsonb_typeof(metadata #> ${path}) = 'string' then metadata #>> ${path} end`;
    }
    case "count": {
      const path = textArray(sql, scope.countPath);
      return sql`case when jsonb_typeof(metadata #> ${path}) = 'number'
                      then (metadata #>> ${path})::float8 end`;
    }
    case "named":
      return namedCondition(sql, scope);
  }
}

/** Rows that can count in the report: any one of the focus's conditions. */
function focusCondition(sql: Queryable, focus: RowFocus): Fragment {
  const exact = focus.actions.filter((a) => !a.endsWith(".*"));
  const prefixes = focus.actions.filter((a) => a.endsWith(".*")).map((a) => a.slice(0, -1));
  const parts: Fragment[] = [];
  if (focus.actionTypes.length) {
    parts.push(sql`action_type = any(${textArray(sql, focus.actionTypes)})`);
  }
  if (focus.outcomes.length) parts.push(sql`outcome = any(${textArray(sql, focus.outcomes)})`);
  if (focus.resourceTypes.length) {
    parts.push(sql`resource_type = any(${textArray(sql, focus.resourceTypes)})`);
  }
  if (exact.length) parts.push(sql`action = any(${textArray(sql, exact)})`);
  for (const prefix of prefixes) parts.push(sql`starts_with(action, ${prefix})`);
  if (parts.length === 0) return sql`false`;
  return sql`(${parts.reduce((all, one) => sql`${all} or ${one}`)})`;
}

/**
 * A `text[]` from JSON text. The driver's own array parameters need the
 * server's array types, which it loads when a connection opens; a report
 * query can be the first on a new connection, and was then sent `a,b,c`.
 */
function textArray(sql: Queryable, values: readonly string[]): Fragment {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::text::jsonb))`;
}

/**
 * Rows of the scope: its time range, the report's focus, and for GDPR only
 * those by or about the subject.
 */
function scopeCondition(sql: Queryable, scope: RowScope): Fragment {
  const timed =
    sql`occurred_at >= ${scope.from}::timestamptz and occurred_at < ${scope.to}::timestamptz`;
  const range = scope.focus ? sql`${timed} and ${focusCondition(sql, scope.focus)}` : timed;
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
