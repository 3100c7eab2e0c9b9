/**
 * What RFC 7493 (I-JSON) forbids and `JSON.parse` silently "repairs": an
 * integer beyond ±(2^53 − 1) comes back as a neighbouring integer, a number
 * that overflows or underflows a double as ±Infinity or 0, a repeated member
 * name as the last value, and an escaped lone surrogate as a string that no
 * UTF-8 store can keep. The audit trail is evidence, so text that would be
 * stored altered is refused instead; this scan finds where.
 * @module
 */

/** The I-JSON rule a value breaks. */
export type IJsonDefectKind =
  | "unsafe_integer"
  | "number_out_of_range"
  | "number_underflow"
  | "duplicate_member"
  | "lone_surrogate";

/** One place in a JSON text that breaks I-JSON. */
export interface IJsonDefect {
  readonly kind: IJsonDefectKind;
  /** Where: member names and array indexes from the root (`["events", 3, "metadata"]`). */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const MESSAGES: Readonly<Record<IJsonDefectKind, string>> = {
  unsafe_integer: "integer beyond ±(2^53 − 1) would lose precision; send it as a string",
  number_out_of_range: "number beyond ±(2^53 − 1)",
  number_underflow: "number too small for a double (it would become 0)",
  duplicate_member: "member name repeated in one object",
  lone_surrogate: "string holds an unpaired UTF-16 surrogate",
};

interface Frame {
  readonly object: boolean;
  /** Member names seen so far (objects). */
  readonly names?: Set<string>;
  /** The current member name or array index. */
  at: string | number;
  /** Objects: the next string is a member name. */
  expectName: boolean;
}

/**
 * Lists the I-JSON defects of `text`, which must already be valid JSON
 * (`JSON.parse` accepted it), in document order, at most `limit` of them.
 * One linear pass; strings are decoded only when they hold an escape.
 */
export function findIJsonDefects(text: string, limit = 20): IJsonDefect[] {
  const defects: IJsonDefect[] = [];
  const stack: Frame[] = [];
  const report = (kind: IJsonDefectKind) => {
    defects.push({ kind, path: stack.map((frame) => frame.at), message: MESSAGES[kind] });
  };
  let i = 0;
  const length = text.length;
  while (i < length && defects.length < limit) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const raw = text.slice(i, end + 1);
      const escaped = raw.indexOf("\\") >= 0;
      const value = escaped ? JSON.parse(raw) as string : raw.slice(1, -1);
      const frame = stack[stack.length - 1];
      if (frame?.object && frame.expectName) {
        frame.at = value;
        if (frame.names!.has(value)) report("duplicate_member");
        frame.names!.add(value);
        frame.expectName = false;
        if (!value.isWellFormed()) report("lone_surrogate");
      } else if (!value.isWellFormed()) {
        report("lone_surrogate");
      }
      i = end + 1;
    } else if (code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)) {
      let end = i + 1;
      while (end < length && isNumberChar(text.charCodeAt(end))) end++;
      const kind = numberDefect(text.slice(i, end));
      if (kind) report(kind);
      i = end;
    } else if (code === 0x7b /* { */) {
      stack.push({ object: true, names: new Set(), at: "", expectName: true });
      i++;
    } else if (code === 0x5b /* [ */) {
      stack.push({ object: false, at: 0, expectName: false });
      i++;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (code === 0x2c /* , */) {
      const frame = stack[stack.length - 1]!;
      if (frame.object) frame.expectName = true;
      else frame.at = (frame.at as number) + 1;
      i++;
    } else {
      i++; // blanks, `:`, and the letters of true/false/null
    }
  }
  return defects;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

function isNumberChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x65 || code === 0x45 ||
    code === 0x2b || code === 0x2d;
}

/** Why a number literal cannot be kept as written in a double, if it cannot. */
export function numberDefect(literal: string): IJsonDefectKind | undefined {
  const integer = !/[.eE]/.test(literal);
  if (integer) {
    // Up to 15 digits is always safe; longer ones are compared exactly.
    const digits = literal.length - (literal.charCodeAt(0) === 0x2d ? 1 : 0);
    if (digits <= 15) return undefined;
    const value = BigInt(literal);
    return (value < 0n ? -value : value) > MAX_SAFE ? "unsafe_integer" : undefined;
  }
  const value = Number(literal);
  // Magnitudes beyond the safe integers are refused for fractions too: one
  // bound for every number is what the contract can state and a client can
  // keep to (and what the canonical form writes without exponent surprises).
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return "number_out_of_range";
  }
  if (value === 0 && /[1-9]/.test(literal.replace(/[eE].*$/, ""))) return "number_underflow";
  return undefined;
}

/** Member names are cut to this in paths, so an error never echoes unbounded input. */
const MAX_NAME_CHARS = 64;

/** A path as field errors name it: `events[3].metadata.order_id`. */
export function formatJsonPath(path: readonly (string | number)[], root = "body"): string {
  let out = root;
  for (const part of path) {
    const name = typeof part === "string" && part.length > MAX_NAME_CHARS
      ? `${part.slice(0, MAX_NAME_CHARS)}…`
      : part;
    out += typeof name === "number"
      ? `[${name}]`
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
      ? `.${name}`
      : `[${JSON.stringify(name)}]`;
  }
  return out;
}
