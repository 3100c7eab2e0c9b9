import type { TextShape } from "./rules.ts";

/**
 * One pass over a text that collects, as bits, the facts the rule gates test:
 * which punctuation occurs, which digit shapes, which rule literals, and
 * which key words stand before a `:` or `=`. Built for the hot path: table
 * lookups and locals, with real work only at rare characters (on a shared
 * 2-core box a JavaScript character loop costs 3–5 ns per character, and
 * mispredicted branches cost most).
 *
 * Digit shapes are read from runs of digits. Every digit rule's regex refuses
 * a digit right before and after its match, so a match is made of whole runs:
 * an SSN is runs 3, 2, 4 joined by `-`, an IPv4 address four runs of at most
 * three joined by `.`, and so on.
 */

/** Bit of each tracked character (a blank stands for space or tab). */
export const CHAR_BITS: Readonly<Record<string, number>> = {
  "@": 1 << 0,
  "=": 1 << 1,
  "-": 1 << 2,
  "+": 1 << 3,
  ":": 1 << 4,
  ".": 1 << 5,
  "_": 1 << 6,
  "/": 1 << 7,
  " ": 1 << 8,
};
/** The bits of {@linkcode CHAR_BITS}; every other bit is a shape, key word or literal. */
export const CHAR_MASK = (1 << 9) - 1;
/** Bit of each digit shape. */
export const SHAPE_BITS: Readonly<Record<TextShape, number>> = {
  email: 1 << 9,
  iban: 1 << 10,
  card: 1 << 11,
  rrn: 1 << 12,
  ssn: 1 << 13,
  phone: 1 << 14,
  ipv6: 1 << 15,
  ipv4: 1 << 16,
};
/** Bit of key-word group `g` is `1 << (KEY_SHIFT + g)`, of literal group `g` `1 << (LITERAL_SHIFT + g)`. */
export const KEY_SHIFT = 17;
export const KEY_GROUPS = 5;
export const LITERAL_SHIFT = KEY_SHIFT + KEY_GROUPS;
export const LITERAL_GROUPS = 9;
/** Key-word trigram table: one entry per code of three 5-bit symbols. */
const TRIGRAM_TABLE_SIZE = 1 << 15;

const { email: EMAIL, iban: IBAN, card: CARD, rrn: RRN, ssn: SSN } = SHAPE_BITS;
const { phone: PHONE, ipv6: IPV6, ipv4: IPV4 } = SHAPE_BITS;

// Character kinds, ordered so that `kind >= DOT` is `[\w.-]`, `kind >= DIGIT` alphanumeric.
const OTHER = 0, BLANK = 1, QUOTE = 2, AT = 3, EQUALS = 4, PLUS = 5, COLON = 6, SLASH = 7;
const DOT = 8, DASH = 9, UNDERSCORE = 10, DIGIT = 11, UPPER_HEX = 12, UPPER = 13;
const LOWER_HEX = 14, LOWER = 15;

const KIND = new Uint8Array(128);
/** For the backward key walk: trigram symbol of `[\w]`, {@linkcode SEPARATOR} for `_ . -`, 0 otherwise. */
const KEY_SYMBOL = new Uint8Array(128);
const SEPARATOR = 31;
const KIND_BITS = new Int32Array(16);
/** Trigram symbol: letters 1–26 (either case), every digit 27, 0 for `_ . -` (skipped). */
const SYMBOL = new Uint8Array(128);
{
  const set = (chars: string, kind: number, bit = 0) => {
    for (const char of chars) KIND[char.charCodeAt(0)] = kind;
    KIND_BITS[kind] = bit;
  };
  set(" \t", BLANK, CHAR_BITS[" "]), set(`"'\\`, QUOTE), set("@", AT, CHAR_BITS["@"]);
  set("=", EQUALS, CHAR_BITS["="]), set("+", PLUS, CHAR_BITS["+"]), set(":", COLON, CHAR_BITS[":"]);
  set("/", SLASH, CHAR_BITS["/"]), set(".", DOT, CHAR_BITS["."]), set("-", DASH, CHAR_BITS["-"]);
  set("_", UNDERSCORE, CHAR_BITS["_"]), set("0123456789", DIGIT);
  set("ABCDEF", UPPER_HEX), set("GHIJKLMNOPQRSTUVWXYZ", UPPER);
  set("abcdef", LOWER_HEX), set("ghijklmnopqrstuvwxyz", LOWER);
  for (let code = 0; code < 26; code++) SYMBOL[65 + code] = SYMBOL[97 + code] = 1 + code;
  for (let code = 48; code < 58; code++) SYMBOL[code] = 27;
  KEY_SYMBOL.set(SYMBOL);
  for (const char of "_.-") KEY_SYMBOL[char.charCodeAt(0)] = SEPARATOR;
}

const kindOf = (code: number) => (code < 128 ? KIND[code]! : OTHER);
/** `[A-Za-z_]`: `\w` without the digits. */
const isLetterCode = (code: number) => {
  const kind = code < 128 ? KIND[code]! : OTHER;
  return kind >= UNDERSCORE && kind !== DIGIT;
};
const isUpperCode = (code: number) => code >= 65 && code <= 90;
const isHexKind = (kind: number) => kind === DIGIT || kind === UPPER_HEX || kind === LOWER_HEX;

/**
 * Table index for the first three letters or digits of `word` (any case,
 * `_ . -` skipped) as met when reading backwards, or -1 when `word` has no
 * three in a row.
 */
function backwardTrigram(word: string): number {
  const symbols: number[] = [];
  for (const char of word) {
    const code = char.charCodeAt(0);
    if (code === 95 || code === 46 || code === 45) continue;
    const symbol = code < 128 ? SYMBOL[code]! : 0;
    if (symbol === 0) return -1;
    symbols.push(symbol);
    if (symbols.length === 3) return packBackward(symbols);
  }
  return -1;
}

function packBackward([first, second, third]: number[]): number {
  return (third! << 10) | (second! << 5) | first!;
}

/** A literal and the character the scanner stops at to look for it. */
interface Trigger {
  readonly literal: string;
  /** Position of the trigger character in `literal`. */
  readonly offset: number;
  readonly bit: number;
}

/**
 * Characters by how often they occur in JSON and text log lines (measured on
 * the benchmark corpus), rarest first; any other character counts as rarer
 * still. Hex letters and `_` are common in ids and keys.
 */
const COMMONNESS =
  "><\\+'!Q&V[]JBYFj()H@;XCUNLWAKxIzPDZRSEOGM=kwqTy_v/fgh7b.{}98364m5-pl u02dn1,ciorsa:te\"";

/** The least common character of `literal`: the scanner checks it at every occurrence. */
function triggerOffset(literal: string): number {
  let best = 0;
  for (let i = 1; i < literal.length; i++) {
    if (COMMONNESS.indexOf(literal[i]!) < COMMONNESS.indexOf(literal[best]!)) best = i;
  }
  return best;
}

/** What the scanner looks for besides punctuation and digit shapes. */
export interface ScanTargets {
  /** Exact literals and the bit each sets when found. */
  readonly literals: ReadonlyArray<readonly [literal: string, bit: number]>;
  /** Words (any case) that may stand in the key before `:` or `=`, and the bit each sets. */
  readonly keyWords: ReadonlyArray<readonly [word: string, bit: number]>;
}

/** False when `word` is too short for the key-word trigram table (its gate then cannot use it). */
export function isTrackableKeyWord(word: string): boolean {
  return backwardTrigram(word) >= 0;
}

/**
 * Bits of the key words whose first three letters occur (reading backwards)
 * in the `[\w.-]` run that ends, past quotes and blanks, right before `end`.
 * Each run is read at most once per scan: it is followed by one `:` or `=`.
 */
function keyWordsBefore(
  text: string,
  end: number,
  trigrams: Uint8Array,
  anyTrigram: Uint32Array,
): number {
  let i = end - 1;
  for (; i >= 0; i--) {
    const kind = kindOf(text.charCodeAt(i));
    if (kind !== QUOTE && kind !== BLANK) break;
  }
  let code = 0;
  let hits = 0;
  for (; i >= 0; i--) {
    const char = text.charCodeAt(i);
    const symbol = char < 128 ? KEY_SYMBOL[char]! : 0;
    if (symbol === 0) break;
    if (symbol === SEPARATOR) continue;
    code = ((code << 5) | symbol) & (TRIGRAM_TABLE_SIZE - 1);
    // A 4 KiB bit set answers "any key word here?" from the first-level cache; the byte table
    // (which words) is read only on a hit.
    if (((anyTrigram[code >>> 5]! >>> (code & 31)) & 1) !== 0) hits |= trigrams[code]!;
  }
  return hits << KEY_SHIFT;
}

/**
 * A character that no fact of a scan without literals and key words (digit
 * shapes, IPv6 groups, e-mail) reaches across: not a digit, hex letter,
 * space, `-`, `.`, `:` or `@`. Text between two of them can be scanned on its
 * own, so after a change only the stretch around it needs scanning again.
 */
export function isScanBoundary(code: number): boolean {
  const kind = kindOf(code);
  if (kind === DIGIT || kind === UPPER_HEX || kind === LOWER_HEX) return false;
  return code !== 32 && code !== 45 && code !== 46 && code !== 58 && code !== 64;
}

/** `:` at `colon` closes a group of 1–4 hex digits that opened right after another `:`. */
function closesHexGroup(text: string, colon: number): boolean {
  let start = colon;
  while (start > 0 && colon - start <= 4 && isHexKind(kindOf(text.charCodeAt(start - 1)))) start--;
  return start < colon && colon - start <= 4 && start > 0 && text.charCodeAt(start - 1) === 58;
}

/** The `@` at `at` has a local-part character before it and a domain character after it. */
function emailAt(text: string, at: number): boolean {
  if (at === 0 || at + 1 >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = kindOf(text.charCodeAt(at + 1));
  return (kindOf(before) >= DOT || before === 37 || before === 43) &&
    (after >= DIGIT || after === DASH);
}

/** Characters the scanner stops at: `:`, `=` and `@` always, literal triggers per scanner. */
const STOP_COLON = 1, STOP_EQUALS = 2, STOP_AT = 4, STOP_TRIGGER = 8;
/** Flags of the per-scanner character table, above every gate bit of a character. */
const STOP = 1 << 30, DIGIT_SIGN = 1 << 31;

/**
 * The facts about `text[from, to)`, as bits (`to` ends it like the end of
 * the text would).
 */
export type RangeScanner = (text: string, from: number, to: number) => number;

/** Build the scanner for these literals and key words. */
export function createTextScanner(targets: ScanTargets): RangeScanner {
  const trigrams = new Uint8Array(TRIGRAM_TABLE_SIZE);
  const anyTrigram = new Uint32Array(TRIGRAM_TABLE_SIZE >>> 5);
  for (const [word, bit] of targets.keyWords) {
    const index = backwardTrigram(word);
    if (index < 0) continue;
    trigrams[index]! |= bit >>> KEY_SHIFT;
    anyTrigram[index >>> 5]! |= 1 << (index & 31);
  }
  const triggers: Trigger[][] = Array.from({ length: 128 }, () => []);
  const stops = new Uint8Array(128);
  const keyed = targets.keyWords.length > 0;
  stops[58] = STOP_COLON;
  if (keyed) stops[61] = STOP_EQUALS;
  stops[64] = STOP_AT;
  for (const [literal, bit] of targets.literals) {
    const offset = triggerOffset(literal);
    const code = literal.charCodeAt(offset);
    if (code >= 128) throw new RangeError(`literal needs an ASCII character: ${literal}`);
    triggers[code]!.push({ literal, offset, bit });
    stops[code]! |= STOP_TRIGGER;
  }
  // Everything the loop needs about a character in one load: its gate bit, whether to stop,
  // and (as the sign) whether it is a digit.
  const info = new Int32Array(128);
  for (let code = 0; code < 128; code++) {
    info[code] = KIND_BITS[KIND[code]!]! | (stops[code] !== 0 ? STOP : 0) |
      (KIND[code] === DIGIT ? DIGIT_SIGN : 0);
  }

  /** Bits of the literals triggered by the character `code` at `i`. */
  const literalsAt = (text: string, i: number, code: number): number => {
    let bits = 0;
    const list = triggers[code]!;
    for (let k = 0; k < list.length; k++) {
      const { literal, offset, bit } = list[k]!;
      if (i >= offset && text.startsWith(literal, i - offset)) bits |= bit;
    }
    return bits;
  };

  return function scanRange(text: string, from: number, to: number): number {
    let bits = 0;
    // Hex groups between colons in a row so far (IPv6).
    let colonGroups = 0;
    // Digit runs: the one being read, and the two before it (length, the character that ended
    // it, whether it was linked to its predecessor).
    let run = 0;
    let length1 = 0, ending1 = 0, end1 = -2, linked1 = false, dotted = 0;
    let length2 = 0, ending2 = 0;
    // One step past the end, where the 0 closes a trailing digit run.
    for (let i = from; i <= to; i++) {
      const code = i < to ? text.charCodeAt(i) : 0;
      const ascii = code < 128 ? code : 0;
      const facts = info[ascii]!;
      bits |= facts & CHAR_MASK;
      if ((facts & STOP) !== 0) {
        const stop = stops[ascii]!;
        if ((stop & STOP_TRIGGER) !== 0) bits |= literalsAt(text, i, ascii);
        if ((stop & STOP_COLON) !== 0) {
          if (keyed) bits |= keyWordsBefore(text, i, trigrams, anyTrigram);
          const before = i > 0 ? text.charCodeAt(i - 1) : 0;
          if (before === 58) bits |= IPV6;
          else if (!isHexKind(kindOf(before)) || !closesHexGroup(text, i)) colonGroups = 0;
          else if (++colonGroups >= 3) bits |= IPV6;
        } else if ((stop & STOP_EQUALS) !== 0) {
          bits |= keyWordsBefore(text, i, trigrams, anyTrigram);
        } else if ((stop & STOP_AT) !== 0 && emailAt(text, i)) {
          bits |= EMAIL;
        }
      }
      // Branch-free counting (the sign spreads to all ones for a digit); the one branch below is
      // taken only where a run ends.
      const next = (run + 1) & (facts >> 31);
      if (next < run) {
        const start = i - run;
        const before = start > 0 ? text.charCodeAt(start - 1) : 0;
        if (isLetterCode(before) || isLetterCode(code)) {
          // Inside a word (hex ids, versions): the digit rules refuse a letter before or after
          // every run of theirs, so only an IBAN (letters first) can use this run.
          if (isUpperCode(before) && run >= 2 && start > 1) {
            if (isUpperCode(text.charCodeAt(start - 2))) bits |= IBAN;
          }
        } else {
          // Linked: exactly one separator (space, `-` or `.`) between this run and the one before.
          const linked = end1 === start - 1 && (ending1 === 45 || ending1 === 46 || ending1 === 32);
          if (linked || run >= 13) {
            bits |= chainShapes(run, linked, length1, ending1, linked1, length2, ending2);
          }
          dotted = run > 3 ? 0 : linked && ending1 === 46 && dotted > 0 ? dotted + 1 : 1;
          if (dotted >= 4) bits |= IPV4;
          if (before === 43 || text.charCodeAt(start) === 48) {
            bits |= phoneStart(text, start, run, before, code);
          }
          length2 = length1, ending2 = ending1, linked1 = linked;
          length1 = run, ending1 = code, end1 = i;
        }
      }
      run = next;
    }
    return bits;
  };
}

/** Shapes of a run of `run` digits linked (or not) to the two runs before it. */
function chainShapes(
  run: number,
  linked: boolean,
  length1: number,
  ending1: number,
  linked1: boolean,
  length2: number,
  ending2: number,
): number {
  let bits = run >= 13 ? CARD : 0;
  if (!linked) return bits;
  if (run === 7 && length1 === 6 && ending1 === 45) bits |= RRN;
  if (run === 4 && length1 === 2 && ending1 === 45 && linked1 && length2 === 3 && ending2 === 45) {
    bits |= SSN;
  }
  if (linked1 && length2 === 4 && (length1 === 4 || length1 === 6)) {
    if ((ending1 === 32 || ending1 === 45) && (ending2 === 32 || ending2 === 45)) bits |= CARD;
  }
  return bits;
}

/**
 * Phone shapes at the start of a digit run: `+` and a digit 1–9, or `01x`
 * ended by `-`, `.` or space, or an 11-digit `010…` (neither after `[\w+.-]`).
 */
function phoneStart(
  text: string,
  start: number,
  run: number,
  before: number,
  ending: number,
): number {
  if (before === 43) return text.charCodeAt(start) !== 48 ? PHONE : 0;
  if (text.charCodeAt(start + 1) !== 49 || before === 46 || before === 45) return 0;
  const korean = run === 3 && (ending === 45 || ending === 46 || ending === 32);
  return korean || (run === 11 && text.charCodeAt(start + 2) === 48) ? PHONE : 0;
}
