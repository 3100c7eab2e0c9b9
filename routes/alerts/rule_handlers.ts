import {
  type AlertRule,
  createRule,
  deleteRule,
  formatDuration,
  getRule,
  type RuleDeps,
  type RuleGroupState,
  updateRule,
} from "../../domain/alerts/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import { changedBy } from "./handlers.ts";
import type * as routes from "./rule_routes.ts";

export function ruleHandlers(deps: RuleDeps) {
  const list: AppRouteHandler<typeof routes.listRules> = async (c) => {
    const rules = await deps.rules.list();
    return c.json({ items: rules.map((r) => ruleBody(r)) }, 200);
  };

  const get: AppRouteHandler<typeof routes.getRule> = async (c) => {
    const { rule, groups } = await getRule(deps, c.req.valid("param").id);
    return c.json(ruleBody(rule, groups), 200);
  };

  const create: AppRouteHandler<typeof routes.createRule> = async (c) => {
    const rule = await createRule(deps, {
      rule: c.req.valid("json"),
      ...changedBy(c),
    });
    return c.json(ruleBody(rule, []), 201);
  };

  const update: AppRouteHandler<typeof routes.updateRule> = async (c) => {
    const rule = await updateRule(deps, {
      id: c.req.valid("param").id,
      rule: c.req.valid("json"),
      ...changedBy(c),
    });
    return c.json(ruleBody(rule, []), 200);
  };

  const remove: AppRouteHandler<typeof routes.deleteRule> = async (c) => {
    await deleteRule(deps, {
      id: c.req.valid("param").id,
      ...changedBy(c),
    });
    return c.body(null, 204);
  };

  return { list, get, create, update, remove };
}

function ruleBody(rule: AlertRule, groups?: readonly RuleGroupState[]) {
  return {
    id: rule.id,
    name: rule.name,
    query: rule.query,
    filters: {
      ...(rule.filters.service ? { service: [...rule.filters.service] } : {}),
      ...(rule.filters.level ? { level: [...rule.filters.level] } : {}),
      ...(rule.filters.category ? { category: rule.filters.category } : {}),
    },
    group_by: rule.groupBy,
    window: formatDuration(rule.windowMs),
    interval: formatDuration(rule.intervalMs),
    condition: rule.condition,
    for: formatDuration(rule.forMs),
    keep_firing_for: formatDuration(rule.keepFiringForMs),
    severity: rule.severity,
    labels: { ...rule.labels },
    channels: rule.channels ? [...rule.channels] : null,
    enabled: rule.enabled,
    state: rule.state,
    state_since: rule.stateSince.toISOString(),
    last_error: rule.lastError,
    last_evaluated_at: rule.lastEvaluatedAt?.toISOString() ?? null,
    last_evaluation_ms: rule.lastEvaluationMs,
    created_by: rule.createdBy,
    created_at: rule.createdAt.toISOString(),
    updated_at: rule.updatedAt.toISOString(),
    ...(groups
      ? {
        groups: groups.map((g) => ({
          group: g.groupKey,
          state: g.state,
          active_since: g.activeSince.toISOString(),
          last_breach_at: g.lastBreachAt.toISOString(),
          value: g.value,
          alert_id: g.alertId,
        })),
      }
      : {}),
  };
}
