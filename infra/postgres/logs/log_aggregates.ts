/**
 * The counts reports ask of the Postgres log store: a subject's events per
 * service and category, and security events per action and outcome.
 * @module
 */
import type { LogCategory } from "../../../domain/logs/mod.ts";
import type { LogAggregates } from "../../../domain/reports/mod.ts";
import type { Sql } from "../client.ts";

export function createPostgresLogAggregates(sql: Sql): LogAggregates {
  return {
    async subjectCounts(userId, { from, to }) {
      const rows = await sql<{ service: string; category: LogCategory; count: number }[]>`
        select service_name as service, category, count(*)::int as count
          from log_events
         where user_id = ${userId} and ts >= ${from} and ts < ${to}
         group by service_name, category
         order by service_name, category`;
      return rows.map((r) => ({ service: r.service, category: r.category, count: r.count }));
    },

    async securityCounts({ from, to }) {
      const rows = await sql<{ action: string; outcome: string; count: number }[]>`
        select coalesce(event_action, '(none)') as action,
               coalesce(event_outcome, 'unknown') as outcome, count(*)::int as count
          from log_events
         where category = 'security' and ts >= ${from} and ts < ${to}
         group by 1, 2
         order by 3 desc, 1, 2
         limit 1000`;
      return rows.map((r) => ({ action: r.action, outcome: r.outcome, count: r.count }));
    },
  };
}
