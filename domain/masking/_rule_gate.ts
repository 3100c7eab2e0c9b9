import type { RuleGate } from "./rules.ts";

/** Cheap facts about a string, gathered in one pass, that let rules be skipped. */
export interface TextFeatures {
  length: number;
  digits: number;
  maxDigitRun: number;
  /** Runs of at least four digits directly followed by a space or `-` (grouped card numbers). */
  separatedQuads: number;
  /** `digit.digit` occurrences (an IPv4 address has three). */
  digitDotDigit: number;
  /** `hex:hex` occurrences (an IPv6 address without `::` has at least six). */
  hexColonHex: number;
  doubleColon: boolean;
  /** An ASCII upper-case letter directly followed by a digit (IBAN country + check digits). */
  upperDigit: boolean;
  /** Which of `@ = - + : .` occur, as bits (see `CHAR_BITS`). */
  charBits: number;
}

const CHAR_BITS: Readonly<Record<string, number>> = {
  "@": 1,
  "=": 2,
  "-": 4,
  "+": 8,
  ":": 16,
  ".": 32,
};

/** A reusable features record; maskers are synchronous, so one per masker suffices. */
export function emptyFeatures(): TextFeatures {
  return {
    length: 0,
    digits: 0,
    maxDigitRun: 0,
    separatedQuads: 0,
    digitDotDigit: 0,
    hexColonHex: 0,
    doubleColon: false,
    upperDigit: false,
    charBits: 0,
  };
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** Fill `f` with the features of `text`: one linear pass, no allocation. */
export function scanText(text: string, f: TextFeatures): TextFeatures {
  let digits = 0, run = 0, maxRun = 0, quads = 0, dotted = 0, coloned = 0, bits = 0;
  let doubleColon = false, upperDigit = false;
  let previous = 0, beforePrevious = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      digits++;
      if (++run > maxRun) maxRun = run;
      if (previous >= 65 && previous <= 90) upperDigit = true;
      if (previous === 46 && beforePrevious >= 48 && beforePrevious <= 57) dotted++;
    } else {
      if (run >= 4 && (code === 32 || code === 45)) quads++;
      run = 0;
      if (code === 46) bits |= 32;
      else if (code === 58) {
        bits |= 16;
        if (previous === 58) doubleColon = true;
      } else if (code === 64) bits |= 1;
      else if (code === 61) bits |= 2;
      else if (code === 45) bits |= 4;
      else if (code === 43) bits |= 8;
    }
    if (previous === 58 && isHex(code) && isHex(beforePrevious)) coloned++;
    beforePrevious = previous;
    previous = code;
  }
  f.length = text.length;
  f.digits = digits;
  f.maxDigitRun = maxRun;
  f.separatedQuads = quads;
  f.digitDotDigit = dotted;
  f.hexColonHex = coloned;
  f.doubleColon = doubleColon;
  f.upperDigit = upperDigit;
  f.charBits = bits;
  return f;
}

/**
 * Features for long strings without the character loop: a regex pass over a
 * long string is cheaper than a scripted scan of it, so only substring checks
 * (native and fast) are made and every count is set to "enough".
 */
export function roughFeatures(text: string, f: TextFeatures): TextFeatures {
  let bits = 0;
  for (const [char, bit] of Object.entries(CHAR_BITS)) if (text.includes(char)) bits |= bit;
  f.length = text.length;
  f.digits =
    f.maxDigitRun =
    f.separatedQuads =
    f.digitDotDigit =
    f.hexColonHex =
      text.length;
  f.doubleColon = true;
  f.upperDigit = true;
  f.charBits = bits;
  return f;
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

/** A gate predicate over the features of the text and the text itself. */
export type Gate = (f: TextFeatures, text: string) => boolean;

function literalTest(literals: readonly string[], ignoreCase: boolean) {
  if (literals.length === 0) return () => true;
  if (!ignoreCase) return (text: string) => literals.some((literal) => text.includes(literal));
  const regex = new RegExp(literals.map(escapeRegExp).join("|"), "i");
  return (text: string) => regex.test(text);
}

/**
 * Compile a gate; the numeric conditions run first, the substring search last.
 * `keyAlternation` is the sensitive-key alternation (a plain list of words).
 */
export function compileGate(gate: RuleGate, keyAlternation: string): Gate {
  const { minLength = 0, minDigits = 0, minDigitRun = 0, upperDigit = false, shape } = gate;
  const all = charMask(gate.chars ?? "");
  const any = charMask(gate.anyChars ?? "");
  const hasLiteral = literalTest(gate.literals ?? [], gate.ignoreCase ?? false);
  const keyword = gate.sensitiveKeyword ? new RegExp(keyAlternation, "i") : undefined;
  const shapeTest = shape === "card"
    ? (f: TextFeatures) => f.maxDigitRun >= 13 || f.separatedQuads >= 2
    : shape === "ipv4"
    ? (f: TextFeatures) => f.digitDotDigit >= 3
    : shape === "ipv6"
    ? (f: TextFeatures) => f.doubleColon || f.hexColonHex >= 6
    : () => true;
  return (f, text) =>
    f.length >= minLength && f.digits >= minDigits && f.maxDigitRun >= minDigitRun &&
    (f.charBits & all) === all && (any === 0 || (f.charBits & any) !== 0) &&
    (!upperDigit || f.upperDigit) && shapeTest(f) && hasLiteral(text) &&
    (keyword === undefined || keyword.test(text));
}
