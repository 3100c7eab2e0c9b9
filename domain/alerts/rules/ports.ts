import type { AlertRule, RuleDefinition, RuleGroupState, RuleState } from "./rule.ts";

/** What one evaluation leaves on the rule. */
export interface RuleEvaluationRecord {
  readonly state: RuleState;
  readonly lastError: string | null;
  readonly evaluatedAt: Date;
  readonly durationMs: number;
  /** Every group not Normal; the stored set is replaced by this one. */
  readonly groups: readonly RuleGroupState[];
}

/** Stored rules and their groups' states. */
export interface RuleStore {
  /** Throws `ALERT_RULE_NAME_TAKEN` when the name is used. */
  create(
    rule: RuleDefinition & { readonly id: string; readonly createdBy: string; readonly at: Date },
  ): Promise<AlertRule>;
  /** Replaces the definition; undefined when unknown. Its groups start over. */
  update(id: string, rule: RuleDefinition, at: Date): Promise<AlertRule | undefined>;
  /** False when unknown. */
  remove(id: string): Promise<boolean>;
  get(id: string): Promise<AlertRule | undefined>;
  list(): Promise<AlertRule[]>;
  /** Enabled rules whose interval has passed since their last evaluation, oldest first. */
  due(now: Date, limit: number): Promise<AlertRule[]>;
  groups(ruleId: string): Promise<RuleGroupState[]>;
  /**
   * Takes the rule's evaluation for `at` if nobody evaluated it since
   * `previousEvaluatedAt` (compare-and-set): false means another evaluator did,
   * so an interval is evaluated once even across replicas.
   */
  claim(ruleId: string, previousEvaluatedAt: Date | null, at: Date): Promise<boolean>;
  /** Stores the result of a claimed evaluation. */
  saveEvaluation(ruleId: string, record: RuleEvaluationRecord): Promise<void>;
}

/** Who may evaluate: one instance across replicas holds it. */
export interface LeaderLock {
  /** True while this instance is the leader (acquiring the lock when free). */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}
