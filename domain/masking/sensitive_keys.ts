/**
 * Field names whose values are secrets whatever they look like. Matching is by
 * words, not substrings: `accessToken`, `X-Api-Key`, `db_password`,
 * `Set-Cookie` match; `tokenizer`, `passenger`, `secretary` do not.
 */
export const DEFAULT_SENSITIVE_KEYS: readonly string[] = [
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "api_key",
  "apikey",
  "access_key",
  "private_key",
  "authorization",
  "cookie",
  "session_id",
  "sessionid",
  "credential",
  "credentials",
  "ssn",
  "cvv",
  "cvc",
  "pin",
  "otp",
  "jumin",
];

const MAX_CACHE_ENTRIES = 4096;

/** Split a field name into lower-case words: `X-ApiKey_v2` → `["x", "api", "key", "v2"]`. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) {
      if (words[i + j] !== run[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** A predicate telling whether a field name is sensitive; results are cached per name. */
export type SensitiveKeyMatcher = (key: string) => boolean;

/** Build the matcher for a list of sensitive key names (each given in any case/separator style). */
export function createSensitiveKeyMatcher(keys: readonly string[]): SensitiveKeyMatcher {
  const runs = keys.map(keyWords).filter((run) => run.length > 0);
  const cache = new Map<string, boolean>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      const words = keyWords(key);
      hit = runs.some((run) => containsRun(words, run));
      if (cache.size >= MAX_CACHE_ENTRIES) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * Regex alternation (for the `i` flag) that finds where a sensitive key may
 * start in free text: the words of each key joined by an optional separator,
 * longest first. It only nominates candidates; the matcher has the last word.
 */
export function sensitiveKeyAlternation(keys: readonly string[]): string {
  const variants = new Set(
    keys.map((key) => keyWords(key).map(escapeRegExp).join("[_.-]?")).filter((v) => v !== ""),
  );
  return [...variants].sort((a, b) => b.length - a.length || a.localeCompare(b)).join("|");
}
