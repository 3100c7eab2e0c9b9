import { type CookieHeaderKind, cookieHeaderKind, maskCookieList } from "./cookie_header.ts";
import { isMaskMarker, stars, type TokenFor } from "./replacements.ts";
import type { SensitiveKeyMatcher } from "./sensitive_keys.ts";

/** Stands in for a subtree deeper than `maxDepth`: it is dropped, not stored unmasked. */
export const DEPTH_LIMIT_MARKER = "[TRUNCATED]";
/** Stands in for a reference back to an ancestor (only possible for in-memory values). */
export const CIRCULAR_MARKER = "[CIRCULAR]";

/** Inputs of {@linkcode createValueMasker}. */
export interface ValueMaskerOptions {
  readonly maskText: (text: string) => string;
  readonly isSensitiveKey: SensitiveKeyMatcher;
  readonly maxDepth: number;
  readonly tokenFor?: TokenFor;
  /**
   * Fields with special handling, by dotted path from the root (only the
   * first `pathDepth` levels are tracked): `maskField` returns the masked
   * value, or `undefined` for the generic treatment.
   */
  readonly fieldPaths?: ReadonlySet<string>;
  readonly maskField?: (path: string, value: unknown) => unknown;
  readonly pathDepth?: number;
}

/** Smallest integer that could be a card number (13 digits). */
const CARD_SIZED = 1e12;
const hasOwnProperty = Object.prototype.hasOwnProperty;
/** Object keys repeat from event to event; this many are remembered. */
const MAX_CACHED_KEYS = 4096;

/**
 * How a value is masked: as text, redacted whole (under a sensitive key), or
 * as a cookie header, cookie by cookie (under `cookie` / `set-cookie`).
 */
type Secrecy = "plain" | "secret" | CookieHeaderKind;

/** What the walk needs to know about an object key. */
interface KeyInfo {
  readonly masked: string;
  /** What the key makes of its value when nothing above it is secret already. */
  readonly secrecy: Secrecy;
}

/**
 * Every proper prefix of `paths` that a path being built can pass through:
 * `""` (the root, or an empty key there) and each `a` of `a.b`. Paths are only
 * built below these, so most keys never cost a string concatenation.
 */
function pathPrefixes(paths: ReadonlySet<string>): ReadonlySet<string> {
  const prefixes = new Set([""]);
  for (const path of paths) {
    for (let dot = path.indexOf("."); dot !== -1; dot = path.indexOf(".", dot + 1)) {
      prefixes.add(path.slice(0, dot));
    }
  }
  return prefixes;
}

/** A plain copy of the first `count` own entries of `record`, in order. */
function copyEntries(record: Record<string, unknown>, count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (count === 0) return out;
  let copied = 0;
  for (const key in record) {
    if (!hasOwnProperty.call(record, key)) continue;
    out[key] = record[key];
    if (++copied === count) break;
  }
  return out;
}

/**
 * Build `mask_dict`: a recursive, depth-bounded, cycle-safe walk over a JSON
 * value that returns it masked. The input is never modified; objects and
 * arrays in which nothing changes are returned as they are, so unchanged
 * parts are shared with the input rather than copied (most of a typical
 * event). Strings go
 * through the text rules; every scalar under a sensitive key is redacted
 * whatever it looks like, except under a cookie header key, where a string
 * (or each string of an array: `Set-Cookie` lines) keeps its cookie names and
 * attributes and an object (a parsed cookie jar) its keys; object keys are masked too, since free-form
 * attributes sometimes use e-mail addresses or tokens as keys. What a key
 * needs (its masked form, whether it is sensitive) is cached, as keys repeat.
 */
export function createValueMasker(options: ValueMaskerOptions): (value: unknown) => unknown {
  const { maskText, isSensitiveKey, maxDepth, tokenFor } = options;
  const fieldPaths = options.maskField
    ? options.fieldPaths ?? new Set<string>()
    : new Set<string>();
  const maskField = options.maskField ?? (() => undefined);
  const pathDepth = fieldPaths.size > 0 ? options.pathDepth ?? 0 : 0;
  const prefixes = pathPrefixes(fieldPaths);
  const keys = new Map<string, KeyInfo>();

  const keyInfo = (key: string): KeyInfo => {
    let info = keys.get(key);
    if (info === undefined) {
      const secrecy = cookieHeaderKind(key) ?? (isSensitiveKey(key) ? "secret" : "plain");
      info = { masked: maskText(key), secrecy };
      if (keys.size >= MAX_CACHED_KEYS) keys.clear();
      keys.set(key, info);
    }
    return info;
  };

  const redactScalar = (text: string): string => {
    if (text.length === 0 || isMaskMarker(text)) return text;
    return tokenFor ? tokenFor("value", text) : stars(text.length);
  };

  const maskNumber = (value: number | bigint): number | bigint | string => {
    if (typeof value === "number" && !(Number.isInteger(value) && Math.abs(value) >= CARD_SIZED)) {
      return value;
    }
    const text = String(value);
    const masked = maskText(text);
    return masked === text ? value : masked;
  };

  const maskSecretString = (text: string, secrecy: Exclude<Secrecy, "plain">): string => {
    if (secrecy === "secret") return redactScalar(text);
    // Only names and scoping attributes are left to see; the text rules could misread a value
    // turned to `***` next to them as the start of a new one.
    return maskCookieList(text, secrecy, redactScalar);
  };

  /**
   * `ancestors[0, depth)` holds the objects on the way down to `value`;
   * `path` is its dotted path while that can still lead to a field path.
   */
  const walk = (
    value: unknown,
    depth: number,
    secrecy: Secrecy,
    path: string | undefined,
    ancestors: object[],
  ): unknown => {
    if (path !== undefined && fieldPaths.has(path)) {
      const special = maskField(path, value);
      if (special !== undefined) return special;
    }
    if (typeof value === "string") {
      return secrecy === "plain" ? maskText(value) : maskSecretString(value, secrecy);
    }
    if (typeof value === "number" || typeof value === "bigint") {
      return secrecy === "plain" ? maskNumber(value) : redactScalar(String(value));
    }
    if (typeof value !== "object" || value === null) return value;
    if (depth >= maxDepth) return DEPTH_LIMIT_MARKER;
    for (let i = 0; i < depth; i++) if (ancestors[i] === value) return CIRCULAR_MARKER;
    ancestors[depth] = value;
    if (Array.isArray(value)) {
      let items: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const masked = walk(item, depth + 1, secrecy, undefined, ancestors);
        if (masked !== item) (items ??= value.slice())[i] = masked;
      }
      return items ?? value;
    }
    // Inside arrays `path` is undefined, and (as the root) builds paths from the next key on.
    const base = path ?? "";
    const tracked = depth < pathDepth && prefixes.has(base);
    const record = value as Record<string, unknown>;
    // Copied only once something in it changes: until then `out` is undefined and the entries
    // visited so far are those of `record`.
    let out: Record<string, unknown> | undefined;
    let visited = 0;
    // `for…in` with an own-property check visits what `Object.keys` would, without the array.
    for (const key in record) {
      if (!hasOwnProperty.call(record, key)) continue;
      const { masked, secrecy: keySecrecy } = keyInfo(key);
      const childPath = tracked ? (base ? `${base}.${key}` : key) : undefined;
      const child = record[key];
      // Below a secret, and in an object under a cookie header (names → values), all is secret.
      const childSecrecy = secrecy === "plain" ? keySecrecy : "secret";
      const maskedChild = walk(child, depth + 1, childSecrecy, childPath, ancestors);
      if (out === undefined) {
        if (masked === key && maskedChild === child) {
          visited++;
          continue;
        }
        out = copyEntries(record, visited);
      }
      out[masked] = maskedChild;
    }
    return out ?? record;
  };

  return (value) => walk(value, 0, "plain", pathDepth > 0 ? "" : undefined, []);
}
