import { keyWords } from "./sensitive_keys.ts";

/**
 * Cookie headers are masked cookie by cookie: every value hidden, the names
 * (and a `Set-Cookie`'s attributes) kept, so an engineer can still see which
 * cookies were sent and how they were scoped. Used for free text (the value
 * strategy of `rules.ts`) and for structured values (`mask_value.ts`); the
 * generated Logstash filter has a Ruby copy of the same steps.
 */

/** `cookie`: every pair is a cookie. `set_cookie`: a cookie, then its attributes. */
export type CookieHeaderKind = "cookie" | "set_cookie";

/** `Set-Cookie` attributes whose values say how a cookie is scoped, not what it holds. */
const ATTRIBUTES: ReadonlySet<string> = new Set([
  "expires",
  "max-age",
  "domain",
  "path",
  "secure",
  "httponly",
  "samesite",
  "partitioned",
  "priority",
]);

/**
 * A cookie name is an RFC 6265 token; `[` and `]` too, as a later rule may
 * leave a deterministic mask (`[card#…]`) in one. Anything else before `=`
 * (`}secret:a`) is no name, and the whole pair is hidden.
 */
const NAME_CHAR = String.raw`[!#$%&'*+\-.^_\x60|~0-9A-Za-z[\]]`;
const NAME = new RegExp(`^${NAME_CHAR}+$`);
/**
 * `;` ends a pair; `,` starts another cookie when a `name=` follows (a folded
 * `Set-Cookie` list), which the comma of an `Expires` date never has, and
 * ends one at the end of the text (where a shorter match of the same header
 * may end). Both depend only on what masking keeps, so a second pass splits
 * the same way.
 */
const SEPARATOR = new RegExp(`(;|,(?=[ \\t]*(?:${NAME_CHAR}+=|(?![\\s\\S]))))`);

/** The strings of a JSON array as text: `["a=1; Path=/","b=2"]`, or JSON-escaped `[\\"a=1\\"]`. */
const ARRAY_STRING = /\\"((?:[^"\\\r\n]|\\[^"\r\n])*)\\"|"((?:[^"\\\r\n]|\\.)*)"/g;

/** Whether a key names a cookie header (its last word is `cookie` or `cookies`), and which. */
export function cookieHeaderKind(key: string): CookieHeaderKind | undefined {
  if (!/cookie/i.test(key)) return undefined;
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (last === "setcookie" || last === "setcookies") return "set_cookie";
  if (last !== "cookie" && last !== "cookies") return undefined;
  return words[words.length - 2] === "set" ? "set_cookie" : "cookie";
}

/**
 * A cookie header value found in text: a cookie list, or (from headers
 * serialised as JSON) an array of them, each string masked as a list.
 */
export function maskCookieHeader(
  text: string,
  kind: CookieHeaderKind,
  hide: (value: string) => string,
): string {
  if (!text.startsWith("[")) return maskCookieList(text, kind, hide);
  return text.replace(
    ARRAY_STRING,
    (_whole, escaped: string | undefined, plain: string | undefined) =>
      escaped !== undefined
        ? `\\"${maskCookieList(escaped, kind, hide)}\\"`
        : `"${maskCookieList(plain!, kind, hide)}"`,
  );
}

/**
 * `sid=abc; theme=dark` → `sid=***; theme=***`; for `set_cookie`,
 * `sid=abc; Path=/; HttpOnly` → `sid=***; Path=/; HttpOnly`. `hide` gets each
 * value without its blanks and quotes, and returns it masked (or unchanged,
 * when it is already a mask).
 */
export function maskCookieList(
  text: string,
  kind: CookieHeaderKind,
  hide: (value: string) => string,
): string {
  const parts = text.split(SEPARATOR);
  let out = "";
  let startsCookie = true;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      out += part;
      startsCookie = part === ",";
    } else {
      out += maskPair(part, kind === "cookie" || startsCookie, hide);
    }
  }
  return out;
}

function maskPair(pair: string, isCookie: boolean, hide: (value: string) => string): string {
  const eq = pair.indexOf("=");
  const name = trimBlanks(eq < 0 ? pair : pair.slice(0, eq));
  if (!isCookie && ATTRIBUTES.has(name.toLowerCase())) return pair;
  // Without `=`, or without a name, the pair is a value as a whole.
  if (eq < 0 || !NAME.test(name)) return hideValue(pair, hide);
  return pair.slice(0, eq + 1) + hideValue(pair.slice(eq + 1), hide);
}

const isBlank = (code: number) => code === 32 || code === 9;

function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** The value with the blanks and quotes (`"…"`, JSON-escaped `\"…\"`) around it kept. */
function hideValue(text: string, hide: (value: string) => string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  const core = text.slice(start, end);
  const quote = core.length >= 4 && core.startsWith('\\"') && core.endsWith('\\"')
    ? 2
    : core.length >= 2 && core.startsWith('"') && core.endsWith('"')
    ? 1
    : 0;
  if (core.length - 2 * quote <= 0) return text;
  return text.slice(0, start + quote) + hide(core.slice(quote, core.length - quote)) +
    text.slice(end - quote);
}
