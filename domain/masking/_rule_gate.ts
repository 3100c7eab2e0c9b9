import {
  CHAR_BITS,
  CHAR_MASK,
  createTextScanner,
  isTrackableKeyWord,
  KEY_GROUPS,
  KEY_SHIFT,
  LITERAL_GROUPS,
  LITERAL_SHIFT,
  type RangeScanner,
  SHAPE_BITS,
} from "./_text_scanner.ts";
import { type RuleGate, SENSITIVE_KEYS_PLACEHOLDER } from "./rules.ts";
import { keyWords } from "./sensitive_keys.ts";

/**
 * Rule gates: a rule is skipped unless the facts `_text_scanner.ts` found in
 * the text include all its gate needs (characters, a digit shape, one of its
 * literals, a key word before `:` or `=`), and, for case-insensitive
 * literals, a substring test. A gate may only reject texts the rule could not
 * change; `properties_test.ts` checks the gated masker against the plain rule
 * passes.
 */

/** Bits only shapes, key words and literals set: a gate needing none of them is not selective. */
const SELECTIVE = ~CHAR_MASK;

/** A compiled gate: see {@linkcode gatePasses}. */
export interface CompiledGate {
  /** Bits that must all be present. */
  readonly all: number;
  /** Bits of which one must be present (0: no such condition). */
  readonly any: number;
  readonly minLength: number;
  /** Test for the gate's case-insensitive literals, run last. */
  readonly literal?: (text: string) => boolean;
}

/** What {@linkcode createRuleGates} returns. */
export interface RuleGates {
  /** The facts about `text`, as bits; one linear pass. */
  readonly scan: (text: string) => number;
  /** One gate per rule, in rule order. */
  readonly gates: readonly CompiledGate[];
  /** A text whose bits miss all of these passes no gate (0 when some gate is not selective). */
  readonly selective: number;
  /** Gates from this index on need no literal or key-word bits, … */
  readonly tailStart: number;
  /**
   * … so before them this cheaper scan (digits, punctuation, e-mail) is
   * enough, and it may cover just the stretches of text a change touched
   * (see `isScanBoundary` in `_text_scanner.ts`).
   */
  readonly scanTail: RangeScanner;
}

/** True when the rule may change `text`, whose scan gave `bits`. */
export function gatePasses(gate: CompiledGate, bits: number, text: string): boolean {
  return text.length >= gate.minLength && (bits & gate.all) === gate.all &&
    (gate.any === 0 || (bits & gate.any) !== 0) &&
    (gate.literal === undefined || gate.literal(text));
}

function charMask(chars: string): number {
  let mask = 0;
  for (const char of chars) {
    const bit = CHAR_BITS[char];
    if (bit === undefined) throw new RangeError(`gate character not tracked: ${char}`);
    mask |= bit;
  }
  return mask;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** Exact literals are found by the scanner; those compared ignoring case get this test. */
function caseInsensitiveTest(literals: readonly string[]): (text: string) => boolean {
  const regex = new RegExp(literals.map(escapeRegExp).join("|"), "i");
  return (text) => regex.test(text);
}

/** Compile the gates of `rules`; `sensitiveKeys` stand in for `<SENSITIVE_KEYS>`. */
export function createRuleGates(
  rules: ReadonlyArray<{ readonly gate: RuleGate }>,
  sensitiveKeys: readonly string[],
): RuleGates {
  const literals: Array<readonly [string, number]> = [];
  const assignedKeys: Array<readonly [string, number]> = [];
  // Gates with the same literals (the rules around an AWS key id) share one bit.
  const literalBits = new Map<string, number>();
  let literalGroups = 0;
  let keyGroups = 0;
  let tailStart = 0;
  const gates = rules.map(({ gate }, index): CompiledGate => {
    if (gate.literals || gate.assignedKey) tailStart = index + 1;
    let all = charMask(gate.chars ?? "") | (gate.shape ? SHAPE_BITS[gate.shape] : 0);
    const words = (gate.assignedKey ?? []).flatMap((word) =>
      word === SENSITIVE_KEYS_PLACEHOLDER
        ? sensitiveKeys.map((key) => keyWords(key).join(""))
        : [word]
    );
    if (gate.assignedKey && words.every(isTrackableKeyWord)) {
      const bit = 1 << (KEY_SHIFT + (keyGroups++ % KEY_GROUPS));
      for (const word of words) assignedKeys.push([word, bit]);
      all |= bit;
    }
    const exact = gate.literals && !gate.ignoreCase;
    if (exact && gate.literals!.length > 0) {
      const list = gate.literals!.join("\n");
      let bit = literalBits.get(list);
      if (bit === undefined) {
        bit = 1 << (LITERAL_SHIFT + (literalGroups++ % LITERAL_GROUPS));
        literalBits.set(list, bit);
        for (const literal of gate.literals!) literals.push([literal, bit]);
      }
      all |= bit;
    }
    return {
      all,
      any: charMask(gate.anyChars ?? ""),
      minLength: gate.minLength ?? 0,
      ...(gate.literals && !exact ? { literal: caseInsensitiveTest(gate.literals) } : {}),
    };
  });
  const selective = gates.every((gate) => (gate.all & SELECTIVE) !== 0)
    ? gates.reduce((mask, gate) => mask | (gate.all & SELECTIVE), 0)
    : 0;
  const scanAll = createTextScanner({ literals, keyWords: assignedKeys });
  return {
    scan: (text) => scanAll(text, 0, text.length),
    gates,
    selective,
    tailStart,
    scanTail: createTextScanner({ literals: [], keyWords: [] }),
  };
}
