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
   * Special handling for a field, by its dotted path from the root (only the
   * first `pathDepth` levels are tracked): return the masked value, or
   * `undefined` for the generic treatment.
   */
  readonly maskField?: (path: string, value: unknown) => unknown;
  readonly pathDepth?: number;
}

/** Smallest integer that could be a card number (13 digits). */
const CARD_SIZED = 1e12;

/**
 * Build `mask_dict`: a recursive, depth-bounded, cycle-safe walk over a JSON
 * value that returns a masked copy (the input is not modified). Strings go
 * through the text rules; every scalar under a sensitive key is redacted
 * whatever it looks like; object keys are masked too, since free-form
 * attributes sometimes use e-mail addresses or tokens as keys.
 */
export function createValueMasker(options: ValueMaskerOptions): (value: unknown) => unknown {
  const { maskText, isSensitiveKey, maxDepth, tokenFor, maskField, pathDepth = 0 } = options;
  const ancestors = new Set<object>();

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

  const walk = (
    value: unknown,
    depth: number,
    sensitive: boolean,
    path: string | undefined,
  ): unknown => {
    if (path !== undefined && maskField) {
      const special = maskField(path, value);
      if (special !== undefined) return special;
    }
    switch (typeof value) {
      case "string":
        return sensitive ? redactScalar(value) : maskText(value);
      case "number":
      case "bigint":
        return sensitive ? redactScalar(String(value)) : maskNumber(value);
      case "object":
        break;
      default:
        return value;
    }
    if (value === null) return null;
    if (depth >= maxDepth) return DEPTH_LIMIT_MARKER;
    if (ancestors.has(value)) return CIRCULAR_MARKER;
    ancestors.add(value);
    try {
      if (Array.isArray(value)) {
        return value.map((item) => walk(item, depth + 1, sensitive, undefined));
      }
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        const childPath = depth < pathDepth ? (path ? `${path}.${key}` : key) : undefined;
        const childSensitive = sensitive || isSensitiveKey(key);
        out[maskText(key)] = walk(child, depth + 1, childSensitive, childPath);
      }
      return out;
    } finally {
      ancestors.delete(value);
    }
  };

  return (value) => walk(value, 0, false, pathDepth > 0 ? "" : undefined);
}
