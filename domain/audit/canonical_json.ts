/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object members sorted by
 * their UTF-16 code units, no insignificant whitespace, numbers and strings
 * serialised as ECMAScript does. Two equal values always give the same text,
 * whatever order their keys were built in, which is what a hash needs.
 * @module
 */
import type { JsonValue } from "./types.ts";

/**
 * The canonical text of `value`. Throws `TypeError` on what JSON cannot carry
 * faithfully (non-finite numbers, `undefined`, functions, lone surrogates),
 * rather than hashing a lossy form of it.
 */
export function canonicalJson(value: JsonValue): string {
  switch (typeof value) {
    case "string":
      return canonicalString(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`number ${value} has no JSON form`);
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let text = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ",";
          text += canonicalJson(value[i]);
        }
        return text + "]";
      }
      const object = value as { readonly [key: string]: JsonValue };
      const keys = Object.keys(object);
      if (keys.length > 1) keys.sort();
      let text = "{";
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const member = object[key];
        if (member === undefined) throw new TypeError(`member ${key} is undefined`);
        if (i > 0) text += ",";
        text += canonicalString(key) + ":" + canonicalJson(member);
      }
      return text + "}";
    }
    default:
      throw new TypeError(`${typeof value} has no JSON form`);
  }
}

/** A JSON string literal; lone surrogates are refused (they have no UTF-8 form). */
export function canonicalString(text: string): string {
  if (!text.isWellFormed()) throw new TypeError("string with a lone surrogate");
  return JSON.stringify(text);
}
