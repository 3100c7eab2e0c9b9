/**
 * Patterns over dotted action names, as the report settings write them:
 * `audit.read` matches that action only, `admin.*` every action under
 * `admin.` (and not `admin` itself or `administrator.x`).
 * @module
 */

/** A compiled list of patterns. */
export interface ActionMatcher {
  (action: string): boolean;
}

/** Compiles `patterns`; an empty list matches nothing. */
export function actionMatcher(patterns: readonly string[]): ActionMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith(".*")) prefixes.push(pattern.slice(0, -1));
    else exact.add(pattern);
  }
  return (action) => exact.has(action) || prefixes.some((prefix) => action.startsWith(prefix));
}

/** True when `pattern` is a dotted action name, optionally ending in `.*`. */
export function isActionPattern(pattern: string): boolean {
  return /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/.test(pattern);
}
