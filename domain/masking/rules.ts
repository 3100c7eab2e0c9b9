/**
 * The masking rule set (SPEC S9) as plain data. The TypeScript masker and the
 * generated Logstash filter are both built from this list, so it is written in
 * the regex subset V8 and Onigmo/Joni agree on: no named groups, no anchors,
 * lookbehind only over one character class.
 *
 * Every source is linear-time under global search: a rule either starts with a
 * literal, or starts with a negative lookbehind over the same class as its
 * first quantified run (so only the start of each run is tried), and
 * repetitions are unambiguous (what ends one repetition cannot start the
 * next). `redos_test.ts` proves each with a ReDoS checker.
 */
import { CREDENTIAL_RULES } from "./_credential_rules.ts";
import { PERSONAL_DATA_RULES } from "./_personal_data_rules.ts";
import { type MaskRule, SENSITIVE_KEYS_PLACEHOLDER } from "./_rule_types.ts";

export {
  type EntityType,
  type MaskRule,
  type RuleGate,
  type SearchAnchor,
  SENSITIVE_KEYS_PLACEHOLDER,
  type Strategy,
  type TextShape,
  type ValidatorId,
} from "./_rule_types.ts";

/** The rules, most specific first: earlier rules mask before later ones look. */
export const MASK_RULES: readonly MaskRule[] = [...CREDENTIAL_RULES, ...PERSONAL_DATA_RULES];

/** The rule's regex source with the sensitive-key alternation filled in. */
export function resolveSource(rule: MaskRule, keyAlternation: string): string {
  return rule.source.replace(SENSITIVE_KEYS_PLACEHOLDER, keyAlternation);
}

/** Whether the rule's match must also be confirmed by the sensitive-key matcher. */
function isKeyedRule(rule: MaskRule): boolean {
  return rule.source.includes(SENSITIVE_KEYS_PLACEHOLDER);
}

/**
 * The key a rule's kept prefix must assign to, if any: a sensitive key that
 * is not a cookie header (the cookie rules own those, whatever the configured
 * keys), or a cookie header key.
 */
export function requiredKey(rule: MaskRule): "sensitive" | "cookie_header" | undefined {
  return isKeyedRule(rule) ? "sensitive" : rule.cookieKey ? "cookie_header" : undefined;
}
