/**
 * How a rule's regex is run over a text. Both searches give what a global
 * `String.prototype.replace` would, with one difference in meaning, shared
 * with the Logstash filter: a match the rule turns down as a whole (an
 * assignment whose key is not sensitive) only uses up its kept prefix, so an
 * assignment inside its value (`url=https://h/?token=abc`) is still found.
 * Without that, masking was not idempotent: a later rule could uncover such
 * an assignment.
 */

/**
 * What a rule does with one match: its replacement (possibly the match
 * itself), or `undefined` to turn it down and search on after `prefix`.
 */
export type MatchReplacer = (match: string, prefix: string) => string | undefined;

/**
 * Where a pass changed the text: `[start, end)` pairs in the new text, one
 * per replacement that differs from its match. Reused between passes.
 */
export type ChangedSpans = number[];

/** Every match of `global` (flag `g`), replaced. Capture group 1 is the kept prefix when `keepsPrefix`. */
export function replaceAll(
  text: string,
  global: RegExp,
  keepsPrefix: boolean,
  replace: MatchReplacer,
  spans: ChangedSpans,
): string {
  let out = "";
  let copied = 0;
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    const prefix = keepsPrefix ? match[1] ?? "" : "";
    const replacement = replace(match[0], prefix);
    if (replacement === undefined) {
      global.lastIndex = match.index + Math.max(prefix.length, 1);
      continue;
    }
    out += text.slice(copied, match.index);
    if (replacement !== match[0]) spans.push(out.length, out.length + replacement.length);
    out += replacement;
    copied = global.lastIndex = match.index + Math.max(match[0].length, 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Finds the next literal occurrence at or after `from`, or -1. */
export type LiteralFinder = (text: string, from: number) => number;

/**
 * Inputs of {@linkcode replaceAnchored}: the regex is only tried where a
 * match can start. Rules whose regex opens with a broad class (the local part
 * of an e-mail, the key before `=`) make V8 attempt a match at nearly every
 * position; finding the rarer literal each match must contain is far cheaper,
 * and the match start is then the start of the run of lead characters
 * before it. Correct when every match contains a literal occurrence
 * preceded, inside the match, only by lead characters, and no match starts
 * right after a lead character (the rule's lookbehind).
 */
export interface AnchoredSearch {
  readonly find: LiteralFinder;
  readonly isLead: (code: number) => boolean;
  /** Fewest lead characters a match has before its literal. */
  readonly minLead: number;
  /** The rule's lookbehind: no match starts right after such a character. */
  readonly isNotAfter: (code: number) => boolean;
  /** The rule's regex with the `y` flag. */
  readonly sticky: RegExp;
  /** Capture group 1 is a kept prefix. */
  readonly keepsPrefix: boolean;
}

/** A finder for a plain literal. */
export function literalFinder(literal: string): LiteralFinder {
  return (text, from) => text.indexOf(literal, from);
}

/** A finder for the matches of a regex source (used for the sensitive key words). */
export function patternFinder(source: string, flags: string): LiteralFinder {
  const regex = new RegExp(source, `${flags}g`);
  return (text, from) => {
    regex.lastIndex = from;
    return regex.exec(text)?.index ?? -1;
  };
}

/** A predicate over char codes built from a one-class regex source such as `[\w.%+-]`. */
export function classPredicate(charClass: string): (code: number) => boolean {
  const regex = new RegExp(charClass);
  const ascii = Array.from({ length: 128 }, (_, code) => regex.test(String.fromCharCode(code)));
  return (code) => (code < 128 ? ascii[code]! : regex.test(String.fromCharCode(code)));
}

/**
 * {@linkcode replaceAll} with an {@linkcode AnchoredSearch}. Walks never
 * cross the previous literal occurrence, so each character is walked over at
 * most once: the search stays linear.
 */
export function replaceAnchored(
  text: string,
  search: AnchoredSearch,
  replace: MatchReplacer,
  spans: ChangedSpans,
): string {
  const { find, isLead, minLead, isNotAfter, sticky, keepsPrefix } = search;
  let out = "";
  let copied = 0;
  let from = 0;
  let lastAt = -1;
  let lastStart = -1;
  for (let at = find(text, 0); at !== -1; at = find(text, from)) {
    let start = at;
    while (start > 0 && isLead(text.charCodeAt(start - 1))) {
      // Same lead run as the previous occurrence: its start is known.
      if (--start === lastAt) {
        start = lastStart;
        break;
      }
    }
    lastAt = at;
    lastStart = start;
    from = at + 1;
    if (start < copied || at - start < minLead) continue;
    if (start > 0 && isNotAfter(text.charCodeAt(start - 1))) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (!match) continue;
    const prefix = keepsPrefix ? match[1] ?? "" : "";
    const replacement = replace(match[0], prefix);
    if (replacement === undefined) {
      from = Math.max(from, start + prefix.length);
      continue;
    }
    out += text.slice(copied, start);
    if (replacement !== match[0]) spans.push(out.length, out.length + replacement.length);
    out += replacement;
    copied = from = start + match[0].length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
