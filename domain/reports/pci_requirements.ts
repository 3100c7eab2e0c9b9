/**
 * PCI DSS v4.0 requirement 10.2.1: audit logs capture seven kinds of event.
 * The compliance report says, per sub-requirement, whether the trail holds
 * such events, how many and when the last one was; which events count is a
 * table of rules over action, action type, resource type and outcome, with a
 * default here and a replacement in the settings (`REPORT_PCI_MAPPING`).
 * @module
 */
import { actionMatcher } from "./action_patterns.ts";

/** The sub-requirements of 10.2.1, in order. */
export const PCI_REQUIREMENTS = [
  { id: "10.2.1.1", title: "All individual user access to cardholder data" },
  { id: "10.2.1.2", title: "All actions taken by any individual with administrative access" },
  { id: "10.2.1.3", title: "All access to audit logs" },
  { id: "10.2.1.4", title: "All invalid logical access attempts" },
  {
    id: "10.2.1.5",
    title: "All changes to identification and authentication credentials",
  },
  { id: "10.2.1.6", title: "Initializing, stopping or pausing of the audit logs" },
  { id: "10.2.1.7", title: "Creation and deletion of system-level objects" },
] as const;

export type PciRequirementId = (typeof PCI_REQUIREMENTS)[number]["id"];

/** True when `id` names one of the seven sub-requirements. */
export function isPciRequirementId(id: string): id is PciRequirementId {
  return PCI_REQUIREMENTS.some((r) => r.id === id);
}

/**
 * One rule: an event counts for `requirement` when it matches every criterion
 * given (absent criteria match anything). Actions may end in `.*`.
 */
export interface PciRule {
  readonly requirement: PciRequirementId;
  readonly actions?: readonly string[];
  readonly action_types?: readonly string[];
  readonly resource_types?: readonly string[];
  readonly outcomes?: readonly string[];
}

/** The default mapping; the README lists it. */
export const DEFAULT_PCI_MAPPING: readonly PciRule[] = [
  {
    requirement: "10.2.1.1",
    resource_types: ["cardholder_data", "payment_card", "card"],
  },
  { requirement: "10.2.1.2", actions: ["admin.*"] },
  { requirement: "10.2.1.2", action_types: ["config_change", "permission_change"] },
  {
    requirement: "10.2.1.3",
    actions: ["audit.read", "audit.export", "audit.verify", "report.generate", "report.download"],
  },
  { requirement: "10.2.1.4", action_types: ["login"], outcomes: ["failure", "denied"] },
  { requirement: "10.2.1.4", actions: ["access.denied"] },
  { requirement: "10.2.1.5", action_types: ["permission_change"] },
  {
    requirement: "10.2.1.5",
    actions: ["user.create", "user.delete", "credential.*", "password.*", "mfa.*"],
  },
  {
    requirement: "10.2.1.6",
    actions: ["audit.retention", "audit.start", "audit.stop", "audit.pause", "audit.resume"],
  },
  { requirement: "10.2.1.6", action_types: ["retention"] },
  {
    requirement: "10.2.1.7",
    action_types: ["create", "delete"],
    resource_types: ["system", "service", "database", "table", "index", "queue", "bucket"],
  },
];

/** The requirements an event satisfies, as indexes into {@linkcode PCI_REQUIREMENTS}. */
export type PciClassifier = (
  action: string,
  actionType: string,
  resourceType: string,
  outcome: string,
) => readonly number[];

/**
 * Compiles a mapping. Results are memoised per distinct combination of the
 * four fields, which are few, so a million rows cost a million map lookups.
 */
export function pciClassifier(rules: readonly PciRule[]): PciClassifier {
  const compiled = rules.map((rule) => ({
    index: PCI_REQUIREMENTS.findIndex((r) => r.id === rule.requirement),
    action: rule.actions ? actionMatcher(rule.actions) : undefined,
    actionTypes: rule.action_types ? new Set(rule.action_types) : undefined,
    resourceTypes: rule.resource_types ? new Set(rule.resource_types) : undefined,
    outcomes: rule.outcomes ? new Set(rule.outcomes) : undefined,
  }));
  const memo = new Map<string, readonly number[]>();
  return (action, actionType, resourceType, outcome) => {
    const key = `${action}\u0000${actionType}\u0000${resourceType}\u0000${outcome}`;
    let found = memo.get(key);
    if (!found) {
      const hits = new Set<number>();
      for (const rule of compiled) {
        if (rule.action && !rule.action(action)) continue;
        if (rule.actionTypes && !rule.actionTypes.has(actionType)) continue;
        if (rule.resourceTypes && !rule.resourceTypes.has(resourceType)) continue;
        if (rule.outcomes && !rule.outcomes.has(outcome)) continue;
        hits.add(rule.index);
      }
      found = [...hits].sort((a, b) => a - b);
      if (memo.size > 100_000) memo.clear();
      memo.set(key, found);
    }
    return found;
  };
}
