/**
 * The per-group state machine of a rule, pure: from the groups breaching the
 * condition now and the groups' previous states, the next states and what to
 * do (raise an alert, count one more firing, resolve).
 * @module
 */
import type { RuleGroupState, RuleState } from "./rule.ts";

export interface CycleInput {
  readonly now: Date;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  /** Value of every group seen now (breaching or not). */
  readonly values: ReadonlyMap<string, number>;
  readonly breaching: ReadonlySet<string>;
  readonly previous: readonly RuleGroupState[];
}

export interface CycleResult {
  readonly groups: RuleGroupState[];
  /** Groups that start firing now: raise their alert. */
  readonly fire: string[];
  /** Groups still firing (or firing again inside the hold): count an occurrence. */
  readonly refire: string[];
  /** Groups whose hold ran out: resolve their alert. */
  readonly resolve: RuleGroupState[];
}

/** Advances every group one evaluation. */
export function advanceCycle(input: CycleInput): CycleResult {
  const { now } = input;
  const previous = new Map(input.previous.map((g) => [g.groupKey, g]));
  const groups: RuleGroupState[] = [];
  const fire: string[] = [];
  const refire: string[] = [];
  const resolve: RuleGroupState[] = [];
  const keys = new Set([...previous.keys(), ...input.breaching]);
  for (const key of keys) {
    const before = previous.get(key);
    const value = input.values.get(key) ?? 0;
    if (input.breaching.has(key)) {
      if (!before) {
        if (input.forMs === 0) {
          fire.push(key);
          groups.push(state(key, "firing", now, now, value, null));
        } else groups.push(state(key, "pending", now, now, value, null));
      } else if (before.state === "pending") {
        if (now.getTime() - before.activeSince.getTime() >= input.forMs) {
          fire.push(key);
          groups.push(state(key, "firing", now, now, value, null));
        } else groups.push({ ...before, lastBreachAt: now, value });
      } else {
        // Firing, or back inside the keep_firing_for hold: the same alert goes on.
        refire.push(key);
        groups.push({ ...before, state: "firing", lastBreachAt: now, value });
      }
      continue;
    }
    if (!before || before.state === "pending") continue; // back to Normal, nothing raised
    const held = now.getTime() - before.lastBreachAt.getTime() < input.keepFiringForMs;
    if (held) groups.push({ ...before, state: "recovering", value });
    else resolve.push(before);
  }
  return { groups, fire, refire, resolve };
}

function state(
  groupKey: string,
  s: RuleGroupState["state"],
  activeSince: Date,
  lastBreachAt: Date,
  value: number,
  alertId: string | null,
): RuleGroupState {
  return { groupKey, state: s, activeSince, lastBreachAt, value, alertId };
}

/** The rule's state shown to users: the most urgent state of its groups. */
export function ruleStateOf(groups: readonly RuleGroupState[], noData: boolean): RuleState {
  if (groups.some((g) => g.state === "firing")) return "firing";
  if (groups.some((g) => g.state === "recovering")) return "recovering";
  if (groups.some((g) => g.state === "pending")) return "pending";
  return noData ? "nodata" : "normal";
}
