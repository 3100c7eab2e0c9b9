/**
 * The rule evaluator: on the leader only, every due rule is claimed (so an
 * interval is evaluated once across replicas), counted over its window with a
 * timeout, advanced through its state machine, and its alerts raised (with
 * masked sample lines), counted again or resolved.
 * @module
 */
import { sha256Hex } from "../../crypto/sha256.ts";
import type { CountGroupField, LogFilter, LogStore, QueryNode } from "../../logs/mod.ts";
import type { AlertDeps } from "../alert_deps.ts";
import { resolveAlert } from "../alert_transitions.ts";
import { createAlert } from "../create_alert.ts";
import type { LeaderLock, RuleEvaluationRecord, RuleStore } from "./ports.ts";
import { type AlertRule, conditionMet, formatDuration, type RuleLimits } from "./rule.ts";
import { advanceCycle, ruleStateOf } from "./rule_cycle.ts";
import { ruleSearch } from "./rule_input.ts";

export interface EvaluatorDeps {
  readonly rules: RuleStore;
  readonly logs: Pick<LogStore, "countGroups" | "search">;
  readonly alerts: AlertDeps;
  readonly lock: LeaderLock;
  readonly limits: RuleLimits;
  /** One evaluation may take at most this long; then the rule is in Error. */
  readonly timeoutMs: number;
  /** Rules evaluated at once. */
  readonly concurrency: number;
  readonly metrics: {
    evaluation(outcome: "ok" | "error" | "timeout", seconds: number): void;
  };
  /** The service's base URL, for links in notifications. */
  readonly now: () => Date;
}

/** One pass over the due rules; does nothing unless this instance is the leader. */
export async function evaluateDueRules(
  deps: EvaluatorDeps,
): Promise<{ readonly leader: boolean; readonly evaluated: number }> {
  if (!(await deps.lock.hold())) return { leader: false, evaluated: 0 };
  const due = await deps.rules.due(deps.now(), 500);
  let evaluated = 0;
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const rule = due[next++]!;
      if (await evaluateRule(deps, rule)) evaluated++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  return { leader: true, evaluated };
}

class EvaluationTimeout extends Error {
  override name = "EvaluationTimeout";
}

/** Claims and evaluates one rule; false when another evaluator had it. */
export async function evaluateRule(deps: EvaluatorDeps, rule: AlertRule): Promise<boolean> {
  const now = deps.now();
  if (!(await deps.rules.claim(rule.id, rule.lastEvaluatedAt, now))) return false;
  const started = performance.now();
  const previous = await deps.rules.groups(rule.id);
  let record: RuleEvaluationRecord;
  let outcome: "ok" | "error" | "timeout" = "ok";
  try {
    record = await withTimeout(advance(deps, rule, now, previous), deps.timeoutMs);
  } catch (error) {
    outcome = error instanceof EvaluationTimeout ? "timeout" : "error";
    record = {
      state: "error",
      lastError: outcome === "timeout"
        ? `the evaluation took longer than ${deps.timeoutMs} ms`
        : errorText(error),
      evaluatedAt: now,
      durationMs: Math.round(performance.now() - started),
      groups: previous,
    };
  }
  const durationMs = Math.round(performance.now() - started);
  await deps.rules.saveEvaluation(rule.id, { ...record, durationMs });
  deps.metrics.evaluation(outcome, durationMs / 1000);
  if (record.state !== rule.state) {
    await deps.alerts.audit({
      actor: { id: "alert-rule-evaluator", type: "system" },
      action: "alert_rule.state_changed",
      resource: { type: "alert_rule", id: rule.id },
      metadata: {
        name: rule.name,
        from: rule.state,
        to: record.state,
        ...(record.lastError ? { error: record.lastError } : {}),
      },
    }).catch((error) => deps.alerts.reportError("rule state could not be audited", error));
  }
  return true;
}

async function advance(
  deps: EvaluatorDeps,
  rule: AlertRule,
  now: Date,
  previous: Awaited<ReturnType<RuleStore["groups"]>>,
): Promise<RuleEvaluationRecord> {
  const search = ruleSearch(rule, now);
  const counts = await deps.logs.countGroups(
    search.filter,
    rule.groupBy ?? undefined,
    deps.limits.maxGroups,
  );
  const values = new Map(counts.map((g) => [g.key, g.count]));
  const breaching = new Set(
    counts.filter((g) => conditionMet(g.count, rule.condition.op, rule.condition.threshold))
      .map((g) => g.key),
  );
  const cycle = advanceCycle({
    now,
    forMs: rule.forMs,
    keepFiringForMs: rule.keepFiringForMs,
    values,
    breaching,
    previous,
  });
  const groups = new Map(cycle.groups.map((g) => [g.groupKey, g]));
  for (const key of [...cycle.fire, ...cycle.refire]) {
    const firing = cycle.fire.includes(key);
    const samples = firing ? await sampleLines(deps, rule, search.filter, key) : [];
    const { alert } = await createAlert(deps.alerts, {
      occurrence: {
        fingerprint: ruleFingerprint(rule.id, key),
        severity: rule.severity,
        source: `rule:${rule.name}`.slice(0, 128),
        title: key ? `${rule.name}: ${key}` : rule.name,
        description:
          `count ${values.get(key) ?? 0} ${rule.condition.op} ${rule.condition.threshold} ` +
          `over the last ${formatDuration(rule.windowMs)}`,
        details: {
          rule: { id: rule.id, name: rule.name },
          value: values.get(key) ?? 0,
          condition: rule.condition,
          window: formatDuration(rule.windowMs),
          ...(rule.groupBy ? { group_by: rule.groupBy, group: key } : {}),
          search: searchParams(rule, key, now),
          samples,
        },
        labels: {
          ...rule.labels,
          alertname: rule.name.slice(0, 256),
          ...(rule.groupBy ? { [rule.groupBy]: key.slice(0, 256) } : {}),
        },
        ruleId: rule.id,
        groupKey: key,
      },
      actor: { id: "alert-rule-evaluator", type: "system" },
      ...(rule.channels ? { channels: rule.channels } : {}),
    });
    const group = groups.get(key);
    if (group) groups.set(key, { ...group, alertId: alert.id });
  }
  for (const ended of cycle.resolve) {
    if (!ended.alertId) continue;
    await resolveAlert(deps.alerts, {
      id: ended.alertId,
      actor: { id: "alert-rule-evaluator", type: "system" },
      reason: `rule ${rule.name} stopped firing`,
    }).catch(() => undefined); // resolved by a person meanwhile
  }
  const stored = [...groups.values()];
  return {
    state: ruleStateOf(stored, rule.groupBy !== null && counts.length === 0),
    lastError: null,
    evaluatedAt: now,
    durationMs: 0,
    groups: stored,
  };
}

/** Stable per rule and group; hashed when the group value is long. */
export function ruleFingerprint(ruleId: string, group: string): string {
  const plain = `rule:${ruleId}:${group}`;
  return plain.length <= 255 ? plain : `rule:${ruleId}:sha256:${sha256Hex(group)}`;
}

/** Up to N newest lines of the group, masked (the stores hold masked data; this is a second guard). */
async function sampleLines(
  deps: EvaluatorDeps,
  rule: AlertRule,
  filter: LogFilter,
  group: string,
): Promise<string[]> {
  if (deps.limits.sampleLines === 0) return [];
  const narrowed = rule.groupBy ? narrow(filter, rule.groupBy, group) : filter;
  const page = await deps.logs.search({
    filter: narrowed,
    order: "newest",
    size: deps.limits.sampleLines,
    totalBound: 0,
  });
  return page.events.map((e) =>
    deps.alerts.mask.text(
      [e["@timestamp"], e["log.level"], e["service.name"], e.message].filter(Boolean).join(" "),
    ).slice(0, 1_000)
  );
}

function narrow(filter: LogFilter, field: CountGroupField, value: string): LogFilter {
  const node: QueryNode = { kind: "field", field, op: "eq", value };
  return { ...filter, text: filter.text ? { kind: "and", nodes: [filter.text, node] } : node };
}

/** The parameters of `GET /api/v1/logs/search` that show the group's events. */
function searchParams(rule: AlertRule, group: string, now: Date): Record<string, unknown> {
  const groupQuery = rule.groupBy ? `${rule.groupBy}:"${group.replaceAll('"', "")}"` : "";
  const q = [rule.query, groupQuery].filter(Boolean).map((p) => `(${p})`).join(" AND ");
  return {
    ...(q ? { q } : {}),
    ...(rule.filters.service ? { service: rule.filters.service } : {}),
    ...(rule.filters.level ? { level: rule.filters.level } : {}),
    ...(rule.filters.category ? { category: rule.filters.category } : {}),
    from: new Date(now.getTime() - rule.windowMs).toISOString(),
    to: now.toISOString(),
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EvaluationTimeout()), ms);
  });
  work.catch(() => {}); // settled late after a timeout: nothing waits for it
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
