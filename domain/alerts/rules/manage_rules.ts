/**
 * Alert rule CRUD: each change checked, stored and recorded in the audit trail.
 * @module
 */
import { AppError } from "../../errors/mod.ts";
import type { AlertActor, AlertDeps } from "../alert_deps.ts";
import type { RuleStore } from "./ports.ts";
import type { AlertRule, RuleGroupState, RuleLimits } from "./rule.ts";
import { ruleDefinition, type RuleInput } from "./rule_input.ts";

export interface RuleDeps {
  readonly rules: RuleStore;
  readonly limits: RuleLimits;
  readonly alerts: Pick<AlertDeps, "audit" | "now" | "newId" | "reportError">;
}

interface Caller {
  readonly actor: AlertActor;
  readonly requestId?: string;
}

export async function createRule(
  deps: RuleDeps,
  input: Caller & { readonly rule: RuleInput },
): Promise<AlertRule> {
  const now = deps.alerts.now();
  const definition = ruleDefinition(input.rule, deps.limits, now);
  const rule = await deps.rules.create({
    ...definition,
    id: deps.alerts.newId(),
    createdBy: input.actor.id,
    at: now,
  });
  await audit(deps, input, "alert_rule.created", rule.id, { name: rule.name });
  return rule;
}

export async function updateRule(
  deps: RuleDeps,
  input: Caller & { readonly id: string; readonly rule: RuleInput },
): Promise<AlertRule> {
  const now = deps.alerts.now();
  const definition = ruleDefinition(input.rule, deps.limits, now);
  const rule = await deps.rules.update(input.id, definition, now);
  if (!rule) throw new AppError("ALERT_RULE_NOT_FOUND");
  await audit(deps, input, "alert_rule.updated", rule.id, { name: rule.name });
  return rule;
}

export async function deleteRule(
  deps: RuleDeps,
  input: Caller & { readonly id: string },
): Promise<void> {
  if (!(await deps.rules.remove(input.id))) throw new AppError("ALERT_RULE_NOT_FOUND");
  await audit(deps, input, "alert_rule.deleted", input.id, {});
}

/** A rule with the states of its groups. */
export async function getRule(
  deps: Pick<RuleDeps, "rules">,
  id: string,
): Promise<{ rule: AlertRule; groups: RuleGroupState[] }> {
  const rule = await deps.rules.get(id);
  if (!rule) throw new AppError("ALERT_RULE_NOT_FOUND");
  return { rule, groups: await deps.rules.groups(id) };
}

function audit(
  deps: RuleDeps,
  caller: Caller,
  action: string,
  id: string,
  metadata: Record<string, unknown>,
): Promise<void> {
  return deps.alerts.audit({
    actor: caller.actor,
    action,
    resource: { type: "alert_rule", id },
    ...(caller.requestId ? { requestId: caller.requestId } : {}),
    metadata,
  }).catch((error) => deps.alerts.reportError("rule change could not be audited", error));
}
