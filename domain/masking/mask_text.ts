import { compileGate, emptyFeatures, type Gate, roughFeatures, scanText } from "./_rule_gate.ts";
import type { IpMaskMode } from "./ip.ts";
import { applyStrategy, type ReplaceContext, type TokenFor } from "./replacements.ts";
import { isKeyedRule, MASK_RULES, type MaskRule, resolveSource } from "./rules.ts";
import { sensitiveKeyAlternation, type SensitiveKeyMatcher } from "./sensitive_keys.ts";
import { VALIDATORS } from "./validators.ts";

/** Inputs of {@linkcode createTextMasker}. */
export interface TextMaskerOptions {
  readonly ipMode: IpMaskMode;
  readonly sensitiveKeys: readonly string[];
  readonly isSensitiveKey: SensitiveKeyMatcher;
  readonly tokenFor?: TokenFor;
  /** Defaults to {@linkcode MASK_RULES}. */
  readonly rules?: readonly MaskRule[];
}

interface CompiledRule {
  readonly gate: Gate;
  readonly run: (text: string) => string;
}

/** No rule can match fewer characters (`::1` is the shortest). */
const MIN_MATCH_LENGTH = 3;
/** Above this length the features scan costs more than the regex passes it could save. */
const FULL_SCAN_MAX_LENGTH = 256;

function isKeyChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ||
    code === 95 || code === 46 || code === 45;
}

/** The field name at the start of a keyed rule's kept prefix: `db_password` of `db_password=`. */
function keyOf(prefix: string): string {
  let end = 0;
  while (end < prefix.length && isKeyChar(prefix.charCodeAt(end))) end++;
  return prefix.slice(0, end);
}

/** A predicate over char codes built from a one-class regex source such as `[\w.%+-]`. */
function classPredicate(charClass: string): (code: number) => boolean {
  const regex = new RegExp(charClass);
  const ascii = Array.from({ length: 128 }, (_, code) => regex.test(String.fromCharCode(code)));
  return (code) => (code < 128 ? ascii[code]! : regex.test(String.fromCharCode(code)));
}

function compileRule(
  rule: MaskRule,
  options: TextMaskerOptions,
  alternation: string,
): CompiledRule {
  const context: ReplaceContext = { ipMode: options.ipMode, tokenFor: options.tokenFor };
  const validator = rule.validator ? VALIDATORS[rule.validator] : undefined;
  const keyed = isKeyedRule(rule);
  const source = resolveSource(rule, alternation);
  const flags = rule.ignoreCase ? "i" : "";

  const replaceMatch = (match: string, prefix: string): string => {
    if (keyed && !options.isSensitiveKey(keyOf(prefix))) return match;
    const secret = match.slice(prefix.length);
    if (validator && !validator(secret)) return match;
    return prefix + applyStrategy(rule, secret, context);
  };

  const gate = compileGate(rule.gate, alternation);
  if (rule.anchor) {
    const sticky = new RegExp(source, `${flags}y`);
    const isLead = classPredicate(rule.anchor.leadClass);
    const literal = rule.anchor.literal;
    return {
      gate,
      run: (text) => replaceAnchored(text, literal, isLead, sticky, rule.keepsPrefix, replaceMatch),
    };
  }
  const global = new RegExp(source, `${flags}g`);
  // String.prototype.replace passes (match, group1, …); a kept prefix is always group 1.
  const replacer = (match: string, group1?: unknown): string =>
    replaceMatch(match, rule.keepsPrefix && typeof group1 === "string" ? group1 : "");
  return { gate, run: (input) => input.replace(global, replacer) };
}

/**
 * Same result as a global `replace`, but the regex is only tried where a match
 * can start: at the start of the run of lead characters before each anchor
 * literal. V8 scans for a literal far faster than it tries a pattern that
 * opens with a broad class at every position. Each lead run is walked once,
 * so the scan stays linear.
 */
export function replaceAnchored(
  text: string,
  literal: string,
  isLead: (code: number) => boolean,
  sticky: RegExp,
  keepsPrefix: boolean | undefined,
  replaceMatch: (match: string, prefix: string) => string,
): string {
  let out = "";
  let copied = 0;
  let from = 0;
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, from)) {
    let start = at;
    while (start > 0 && isLead(text.charCodeAt(start - 1))) start--;
    from = at + literal.length;
    if (start < copied) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (!match) continue;
    const prefix = keepsPrefix ? match[1] ?? "" : "";
    out += text.slice(copied, start) + replaceMatch(match[0], prefix);
    copied = from = start + match[0].length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Build the free-text masker: the rules in order, each skipped when its gate
 * says it cannot match, each a single linear regex pass. Features are taken
 * from the input once; earlier rules only ever remove digits and separators,
 * so gates stay permissive for later ones.
 */
export function createTextMasker(options: TextMaskerOptions): (text: string) => string {
  const alternation = sensitiveKeyAlternation(options.sensitiveKeys);
  const rules = (options.rules ?? MASK_RULES)
    .filter((rule) => options.ipMode !== "off" || rule.strategy.kind !== "ip");
  const compiled = rules.map((rule) => compileRule(rule, options, alternation));
  const features = emptyFeatures();
  return (text) => {
    if (text.length < MIN_MATCH_LENGTH) return text;
    if (text.length <= FULL_SCAN_MAX_LENGTH) scanText(text, features);
    else roughFeatures(text, features);
    let out = text;
    for (const rule of compiled) {
      if (rule.gate(features, out)) out = rule.run(out);
    }
    return out;
  };
}
