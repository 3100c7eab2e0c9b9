/**
 * A rule as a client writes it (durations as text, optional parts) turned
 * into a checked definition: the query parsed by the safe parser, the
 * filters checked as a search's, the window and interval within bounds.
 * Every refusal is a coded 400.
 * @module
 */
import { createPrincipal } from "../../access/mod.ts";
import { AppError } from "../../errors/mod.ts";
import { DEFAULT_SEARCH_LIMITS, prepareSearch } from "../../logs/mod.ts";
import type { AlertLabels, AlertSeverity, ChannelName } from "../alert.ts";
import {
  type ConditionOp,
  parseDuration,
  RULE_DURATION,
  type RuleDefinition,
  type RuleFilters,
  type RuleGroupField,
  type RuleLimits,
} from "./rule.ts";

/** The documented request shape (`window: "5m"`, `interval: "1m"`, …). */
export interface RuleInput {
  readonly name: string;
  readonly query: string;
  readonly filters?: RuleFilters;
  readonly group_by?: RuleGroupField | null;
  readonly window: string;
  readonly interval: string;
  readonly condition: { readonly op: ConditionOp; readonly threshold: number };
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly severity: AlertSeverity;
  readonly labels?: AlertLabels;
  readonly channels?: readonly ChannelName[] | null;
  readonly enabled?: boolean;
}

/** The principal rules are evaluated as: every category and service. */
export const RULE_EVALUATOR = createPrincipal("alert-rule-evaluator", { roles: ["admin"] });

function duration(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = RULE_DURATION.test(text) ? parseDuration(text) : undefined;
  if (ms === undefined) {
    throw new AppError("ALERT_RULE_INVALID", {
      detail: `${name} must be a duration such as 30s, 5m or 1h`,
      errors: [{ path: `body.${name}`, message: "not a duration" }],
    });
  }
  return ms;
}

/** Checks `input` against the limits; the query and filters as a search would be. */
export function ruleDefinition(input: RuleInput, limits: RuleLimits, now: Date): RuleDefinition {
  const windowMs = duration("window", input.window, 0);
  const intervalMs = duration("interval", input.interval, 0);
  const forMs = duration("for", input.for, 0);
  const keepFiringForMs = duration("keep_firing_for", input.keep_firing_for, 0);
  if (windowMs > limits.maxWindowMs || windowMs < 1_000) {
    throw new AppError("ALERT_RULE_WINDOW_TOO_WIDE", {
      detail: `window must be between 1s and ${limits.maxWindowMs / 1000}s`,
      errors: [{ path: "body.window", message: "out of bounds" }],
    });
  }
  if (intervalMs < limits.minIntervalMs || intervalMs > limits.maxWindowMs) {
    throw new AppError("ALERT_RULE_WINDOW_TOO_WIDE", {
      detail: `interval must be between ${limits.minIntervalMs / 1000}s and ${
        limits.maxWindowMs / 1000
      }s`,
      errors: [{ path: "body.interval", message: "out of bounds" }],
    });
  }
  for (const [name, ms] of [["for", forMs], ["keep_firing_for", keepFiringForMs]] as const) {
    if (ms > limits.maxWindowMs) {
      throw new AppError("ALERT_RULE_WINDOW_TOO_WIDE", {
        detail: `${name} must be at most ${limits.maxWindowMs / 1000}s`,
        errors: [{ path: `body.${name}`, message: "out of bounds" }],
      });
    }
  }
  if (!Number.isFinite(input.condition.threshold)) {
    throw new AppError("ALERT_RULE_INVALID", { detail: "condition.threshold must be a number" });
  }
  // The query and filters are checked exactly as a search over the window would be.
  ruleSearch(
    { query: input.query, filters: input.filters ?? {}, windowMs },
    now,
  );
  return {
    name: input.name,
    query: input.query,
    filters: input.filters ?? {},
    groupBy: input.group_by ?? null,
    windowMs,
    intervalMs,
    condition: input.condition,
    forMs,
    keepFiringForMs,
    severity: input.severity,
    labels: input.labels ?? {},
    channels: input.channels ?? null,
    enabled: input.enabled ?? true,
  };
}

/** The search a rule runs over the window ending `now`. */
export function ruleSearch(
  rule: Pick<RuleDefinition, "query" | "filters" | "windowMs">,
  now: Date,
) {
  return prepareSearch(RULE_EVALUATOR, {
    q: rule.query,
    ...(rule.filters.service ? { service: rule.filters.service } : {}),
    ...(rule.filters.level ? { level: rule.filters.level } : {}),
    ...(rule.filters.category ? { category: rule.filters.category } : {}),
    from: new Date(now.getTime() - rule.windowMs).toISOString(),
    to: now.toISOString(),
    page_size: 1,
  }, {
    limits: { ...DEFAULT_SEARCH_LIMITS, maxRangeMs: Math.max(rule.windowMs, 1) },
    now,
  });
}
