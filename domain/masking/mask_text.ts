import {
  type AnchoredSearch,
  type ChangedSpans,
  classPredicate,
  literalFinder,
  type MatchReplacer,
  patternFinder,
  replaceAll,
  replaceAnchored,
} from "./_rule_search.ts";
import { createRuleGates, gatePasses } from "./_rule_gate.ts";
import { isScanBoundary, type RangeScanner } from "./_text_scanner.ts";
import type { IpMaskMode } from "./ip.ts";
import { applyStrategy, type ReplaceContext, type TokenFor } from "./replacements.ts";
import { cookieHeaderKind } from "./cookie_header.ts";
import {
  MASK_RULES,
  type MaskRule,
  requiredKey,
  resolveSource,
  SENSITIVE_KEYS_PLACEHOLDER,
} from "./rules.ts";
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

/** One rule as a function: the text with every match of the rule masked, changes noted in `spans`. */
type RulePass = (text: string, spans: ChangedSpans) => string;

/** No rule can match fewer characters (`::1` is the shortest). */
const MIN_MATCH_LENGTH = 3;

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

function compileRule(rule: MaskRule, options: TextMaskerOptions, alternation: string): RulePass {
  const context: ReplaceContext = { ipMode: options.ipMode, tokenFor: options.tokenFor };
  const validator = rule.validator ? VALIDATORS[rule.validator] : undefined;
  const required = requiredKey(rule);
  const acceptsKey = required === "sensitive"
    ? (key: string) => options.isSensitiveKey(key) && cookieHeaderKind(key) === undefined
    : required === "cookie_header"
    ? (key: string) => cookieHeaderKind(key) !== undefined
    : undefined;
  const source = resolveSource(rule, alternation);
  const flags = rule.ignoreCase ? "i" : "";

  const replaceMatch: MatchReplacer = (match, prefix) => {
    const key = keyOf(prefix);
    // Not an assignment to a key the rule is for: turned down, and its value is searched too.
    if (acceptsKey && !acceptsKey(key)) return undefined;
    const secret = match.slice(prefix.length);
    if (validator && !validator(secret)) return match;
    return prefix + applyStrategy(rule, secret, context, key);
  };

  const anchor = rule.anchor;
  const byKeyword = anchor?.literal === SENSITIVE_KEYS_PLACEHOLDER;
  if (anchor && !(byKeyword && alternation === "")) {
    const isLead = classPredicate(anchor.leadClass);
    if (anchor.minLead && [...anchor.literal].some((char) => isLead(char.charCodeAt(0)))) {
      throw new RangeError(`${rule.id}: minLead needs a literal outside the lead class`);
    }
    const search: AnchoredSearch = {
      find: byKeyword ? patternFinder(alternation, "i") : literalFinder(anchor.literal),
      isLead,
      minLead: anchor.minLead ?? 0,
      isNotAfter: classPredicate(anchor.notAfter ?? anchor.leadClass),
      sticky: new RegExp(source, `${flags}y`),
      keepsPrefix: rule.keepsPrefix === true,
    };
    return (text, spans) => replaceAnchored(text, search, replaceMatch, spans);
  }
  const global = new RegExp(source, `${flags}g`);
  const keepsPrefix = rule.keepsPrefix === true;
  return (text, spans) => replaceAll(text, global, keepsPrefix, replaceMatch, spans);
}

/**
 * Build the free-text masker: the rules in order, each a single linear pass,
 * each skipped when its gate says it cannot change the text. The gate facts
 * come from one scan of the input and are brought up to date after every
 * change, so each gate judges exactly the text its rule would see: by a new
 * scan, or, before rules that need no literal or key word, by scanning just
 * the stretches around the replacements (the facts elsewhere still hold).
 */
export function createTextMasker(options: TextMaskerOptions): (text: string) => string {
  const alternation = sensitiveKeyAlternation(options.sensitiveKeys);
  const rules = (options.rules ?? MASK_RULES)
    .filter((rule) => options.ipMode !== "off" || rule.strategy.kind !== "ip");
  const passes = rules.map((rule) => compileRule(rule, options, alternation));
  const { scan, gates, selective, tailStart, scanTail } = createRuleGates(
    rules,
    options.sensitiveKeys,
  );
  const spans: ChangedSpans = [];
  return (text) => {
    if (text.length < MIN_MATCH_LENGTH) return text;
    let bits = scan(text);
    if (selective !== 0 && (bits & selective) === 0) return text;
    let out = text;
    for (let i = 0; i < passes.length; i++) {
      if (!gatePasses(gates[i]!, bits, out)) continue;
      spans.length = 0;
      const masked = passes[i]!(out, spans);
      if (masked === out) continue;
      out = masked;
      if (i + 1 === passes.length) break;
      bits = i + 1 >= tailStart && spans.length > 0
        ? bits | rescanAround(out, spans, scanTail)
        : scan(out);
    }
    return out;
  };
}

/** Facts of the stretches of `text` around `spans`, each widened to scan boundaries. */
function rescanAround(text: string, spans: ChangedSpans, scanRange: RangeScanner): number {
  let bits = 0;
  let scanned = 0;
  for (let k = 0; k < spans.length; k += 2) {
    let from = Math.max(spans[k]!, scanned);
    let to = spans[k + 1]!;
    if (to < scanned) continue;
    while (from > scanned && !isScanBoundary(text.charCodeAt(from - 1))) from--;
    while (to < text.length && !isScanBoundary(text.charCodeAt(to))) to++;
    bits |= scanRange(text, from, to);
    scanned = to;
  }
  return bits;
}
