/**
 * A log-based alert rule (as Graylog's event definitions and Loki's ruler):
 * a query in the safe syntax with filters, a count (optionally per group) over
 * a window, a condition against a threshold, an evaluation interval, a
 * pending period (`for`) and a hold against flapping (`keep_firing_for`).
 * @module
 */
import type { AlertLabels, AlertSeverity, ChannelName } from "../alert.ts";
import type { LogCategory, LogLevel } from "../../logs/mod.ts";

/** Fields a rule may group its count by (keyword fields every store aggregates). */
export const RULE_GROUP_FIELDS = [
  "service.name",
  "service.environment",
  "error.type",
  "log.level",
  "host.name",
  "event.action",
  "url.path",
] as const;
export type RuleGroupField = (typeof RULE_GROUP_FIELDS)[number];

export const CONDITION_OPS = [">", ">=", "<", "<=", "=="] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** Rule states: Normal → Pending → Firing → Recovering → Normal, plus Error and NoData. */
export const RULE_STATES = [
  "normal",
  "pending",
  "firing",
  "recovering",
  "error",
  "nodata",
] as const;
export type RuleState = (typeof RULE_STATES)[number];

export interface RuleFilters {
  readonly service?: readonly string[];
  readonly level?: readonly LogLevel[];
  readonly category?: LogCategory;
}

/** A rule's definition, as saved. */
export interface RuleDefinition {
  readonly name: string;
  readonly query: string;
  readonly filters: RuleFilters;
  readonly groupBy: RuleGroupField | null;
  readonly windowMs: number;
  readonly intervalMs: number;
  readonly condition: { readonly op: ConditionOp; readonly threshold: number };
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly severity: AlertSeverity;
  readonly labels: AlertLabels;
  /** Channels instead of the route's; null follows the routing table. */
  readonly channels: readonly ChannelName[] | null;
  readonly enabled: boolean;
}

export interface AlertRule extends RuleDefinition {
  readonly id: string;
  readonly state: RuleState;
  readonly stateSince: Date;
  readonly lastError: string | null;
  readonly lastEvaluatedAt: Date | null;
  readonly lastEvaluationMs: number | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Where one group of a rule is in its cycle (a group absent here is Normal). */
export interface RuleGroupState {
  readonly groupKey: string;
  readonly state: "pending" | "firing" | "recovering";
  readonly activeSince: Date;
  readonly lastBreachAt: Date;
  readonly value: number;
  readonly alertId: string | null;
}

/** Bounds on rules, from configuration. */
export interface RuleLimits {
  readonly maxWindowMs: number;
  readonly minIntervalMs: number;
  readonly maxGroups: number;
  readonly sampleLines: number;
}

export const DEFAULT_RULE_LIMITS: RuleLimits = {
  maxWindowMs: 86_400_000,
  minIntervalMs: 10_000,
  maxGroups: 100,
  sampleLines: 5,
};

/** True when `value` meets the condition. */
export function conditionMet(value: number, op: ConditionOp, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
  }
}

/**
 * A rule's durations: at most a day's digits in each unit, since no
 * configuration allows more than a day (ALERT_RULE_MAX_WINDOW_MS); the
 * configured bounds are checked apart.
 */
export const RULE_DURATION = /^(?:[0-9]{1,8}ms|[0-9]{1,5}s|[0-9]{1,4}m|[0-9]{1,2}h|[01]d)$/;
const DURATION = /^(\d{1,8})(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a Prometheus-style duration (`30s`, `5m`, `4h`); undefined when not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The shortest exact duration text of `ms` (`300000` → `5m`). */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"] as const) {
    if (ms > 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
