/**
 * Text the stores keep byte for byte: Postgres `text` and `jsonb` refuse NUL,
 * and an unpaired surrogate cannot be written as UTF-8 (it would become
 * U+FFFD on the way). Input holding either is refused, never stored altered.
 * @module
 */

/** True when every store can keep `text` exactly. */
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes("\u0000");
}

/**
 * The path of the first string or member name in `value` that is not
 * storable, or `undefined`. Levels below `maxDepth` are not inspected: the
 * callers refuse values nested that deep for their own reasons.
 */
export function findUnstorableText(
  value: unknown,
  maxDepth: number,
): (string | number)[] | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : [];
  if (typeof value !== "object" || value === null || maxDepth <= 0) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = findUnstorableText(value[i], maxDepth - 1);
      if (inner) return [i, ...inner];
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!isStorableText(key)) return [key];
    const inner = findUnstorableText((value as Record<string, unknown>)[key], maxDepth - 1);
    if (inner) return [key, ...inner];
  }
  return undefined;
}

/**
 * `text` made storable for a record the service writes itself (a denied
 * request's path, a caller's user agent): NUL written as the visible escape
 * `\u0000`, unpaired surrogates as U+FFFD, and cut to `maxChars` with `…`.
 * Client data is never passed through this: it is refused instead.
 */
export function recordableText(text: string, maxChars: number): string {
  let out = isStorableText(text) ? text : text.toWellFormed().replaceAll("\u0000", "\\u0000");
  if (out.length > maxChars) out = `${out.slice(0, maxChars - 1).toWellFormed()}…`;
  return out;
}
