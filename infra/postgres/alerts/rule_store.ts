/**
 * `alert_rules` and `alert_rule_groups` on Postgres: definitions, the state
 * shown on each rule, the per-group cycle, and the compare-and-set claim that
 * makes an interval evaluated once across replicas.
 * @module
 */
import type postgres from "postgres";
import type {
  AlertRule,
  RuleDefinition,
  RuleGroupState,
  RuleStore,
} from "../../../domain/alerts/mod.ts";
import { AppError } from "../../../domain/errors/mod.ts";
import type { Sql } from "../client.ts";
import { isUuid } from "./alert_store.ts";

interface RuleRow {
  readonly id: string;
  readonly name: string;
  readonly query: string;
  readonly filters: AlertRule["filters"];
  readonly group_by: AlertRule["groupBy"];
  readonly window_ms: number;
  readonly interval_ms: number;
  readonly condition_op: AlertRule["condition"]["op"];
  readonly threshold: number;
  readonly for_ms: number;
  readonly keep_firing_for_ms: number;
  readonly severity: AlertRule["severity"];
  readonly labels: AlertRule["labels"];
  readonly channels: AlertRule["channels"];
  readonly enabled: boolean;
  readonly state: AlertRule["state"];
  readonly state_since: Date;
  readonly last_error: string | null;
  readonly last_evaluated_at: Date | null;
  readonly last_evaluation_ms: number | null;
  readonly created_by: string;
  readonly created_at: Date;
  readonly updated_at: Date;
}

function toRule(row: RuleRow): AlertRule {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    filters: row.filters,
    groupBy: row.group_by,
    windowMs: row.window_ms,
    intervalMs: row.interval_ms,
    condition: { op: row.condition_op, threshold: Number(row.threshold) },
    forMs: row.for_ms,
    keepFiringForMs: row.keep_firing_for_ms,
    severity: row.severity,
    labels: row.labels,
    channels: row.channels,
    enabled: row.enabled,
    state: row.state,
    stateSince: row.state_since,
    lastError: row.last_error,
    lastEvaluatedAt: row.last_evaluated_at,
    lastEvaluationMs: row.last_evaluation_ms,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columns(sql: Sql, rule: RuleDefinition) {
  return {
    name: rule.name,
    query: rule.query,
    filters: sql.json(rule.filters as postgres.JSONValue),
    group_by: rule.groupBy,
    window_ms: rule.windowMs,
    interval_ms: rule.intervalMs,
    condition_op: rule.condition.op,
    threshold: rule.condition.threshold,
    for_ms: rule.forMs,
    keep_firing_for_ms: rule.keepFiringForMs,
    severity: rule.severity,
    labels: sql.json(rule.labels as postgres.JSONValue),
    channels: rule.channels ? sql.array([...rule.channels]) : null,
    enabled: rule.enabled,
  };
}

async function nameTaken<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      throw new AppError("ALERT_RULE_NAME_TAKEN", { cause: error });
    }
    throw error;
  }
}

export function createPostgresRuleStore(sql: Sql): RuleStore {
  return {
    create(rule) {
      return nameTaken(async () => {
        const values = {
          ...columns(sql, rule),
          id: rule.id,
          created_by: rule.createdBy,
          created_at: rule.at,
          updated_at: rule.at,
          state_since: rule.at,
        };
        const [row] = await sql<RuleRow[]>`
          insert into alert_rules ${sql(values as Record<string, unknown>)} returning *`;
        return toRule(row!);
      });
    },
    update(id, rule, at) {
      if (!isUuid(id)) return Promise.resolve(undefined);
      return nameTaken(() =>
        sql.begin(async (tx) => {
          const values = {
            ...columns(sql, rule),
            updated_at: at,
            state: "normal",
            state_since: at,
            last_error: null,
          };
          const [row] = await tx<RuleRow[]>`
            update alert_rules set ${tx(values as Record<string, unknown>)} where id = ${id}
            returning *`;
          if (!row) return undefined;
          await tx`delete from alert_rule_groups where rule_id = ${id}`;
          return toRule(row);
        })
      );
    },
    async remove(id) {
      if (!isUuid(id)) return false;
      const rows = await sql`delete from alert_rules where id = ${id} returning id`;
      return rows.length > 0;
    },
    async get(id) {
      if (!isUuid(id)) return undefined;
      const [row] = await sql<RuleRow[]>`select * from alert_rules where id = ${id}`;
      return row ? toRule(row) : undefined;
    },
    async list() {
      const rows = await sql<RuleRow[]>`select * from alert_rules order by name`;
      return rows.map(toRule);
    },
    async due(now, limit) {
      const rows = await sql<RuleRow[]>`
        select * from alert_rules
         where enabled and (last_evaluated_at is null
            or last_evaluated_at + interval_ms * interval '1 millisecond' <= ${now})
         order by last_evaluated_at nulls first, id
         limit ${limit}`;
      return rows.map(toRule);
    },
    async groups(ruleId) {
      const rows = await sql<
        {
          group_key: string;
          state: RuleGroupState["state"];
          active_since: Date;
          last_breach_at: Date;
          value: number;
          alert_id: string | null;
        }[]
      >`select * from alert_rule_groups where rule_id = ${ruleId} order by group_key`;
      return rows.map((r) => ({
        groupKey: r.group_key,
        state: r.state,
        activeSince: r.active_since,
        lastBreachAt: r.last_breach_at,
        value: Number(r.value),
        alertId: r.alert_id,
      }));
    },
    async claim(ruleId, previous, at) {
      const rows = await sql`
        update alert_rules set last_evaluated_at = ${at}
         where id = ${ruleId} and last_evaluated_at is not distinct from ${previous}
        returning id`;
      return rows.length === 1;
    },
    async saveEvaluation(ruleId, record) {
      await sql.begin(async (tx) => {
        await tx`
          update alert_rules set
            state_since = case when state <> ${record.state} then ${record.evaluatedAt}
                          else state_since end,
            state = ${record.state}, last_error = ${record.lastError},
            last_evaluation_ms = ${record.durationMs}
           where id = ${ruleId}`;
        await tx`delete from alert_rule_groups where rule_id = ${ruleId}`;
        if (record.groups.length === 0) return;
        const rows = record.groups.map((g) => ({
          rule_id: ruleId,
          group_key: g.groupKey,
          state: g.state,
          active_since: g.activeSince,
          last_breach_at: g.lastBreachAt,
          value: g.value,
          alert_id: g.alertId,
        }));
        await tx`insert into alert_rule_groups ${tx(rows)}`;
      });
    },
  };
}
