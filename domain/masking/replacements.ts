import { cookieHeaderKind, maskCookieHeader } from "./cookie_header.ts";
import { type IpMaskMode, maskIpAddress } from "./ip.ts";
import type { MaskRule, Strategy } from "./rules.ts";

/** Produces a deterministic correlation token for a secret (HMAC mode), see `tokens.ts`. */
export type TokenFor = (tag: string, normalized: string) => string;

/** What a strategy needs beyond the rule itself. */
export interface ReplaceContext {
  readonly ipMode: IpMaskMode;
  /** Present in deterministic mode: secrets become keyed tokens instead of stars. */
  readonly tokenFor?: TokenFor;
}

const MASK_MARKER = /^(?:\*+|\[REDACTED(?::[a-z_]+)?\]|\[[a-z_]+#[a-p]{16}\])$/;

/** True for output this masker produces (`***`, `[REDACTED:jwt]`, `[card#…]`), so re-masking leaves it alone. */
export function isMaskMarker(text: string): boolean {
  return MASK_MARKER.test(text);
}

/** Stars for a secret of `length` characters: at most three, so the length is not revealed. */
export function stars(length: number): string {
  return "*".repeat(Math.min(3, length));
}

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function alphanumerics(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (isAlphanumeric(text.charCodeAt(i))) out += text[i];
  }
  return out.toUpperCase();
}

/** `4111 1111 1111 1111` → `**** **** **** 1111`: separators kept, length kept. */
function partial(text: string, keepFirst: number, keepLast: number): string {
  const total = alphanumerics(text).length;
  let seen = 0;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isAlphanumeric(code)) {
      out += text[i];
      continue;
    }
    out += seen < keepFirst || seen >= total - keepLast ? text[i] : "*";
    seen++;
  }
  return out;
}

/** `jane.doe@example.com` → `j***@example.com`; never longer than the original. */
function email(text: string): string {
  const at = text.indexOf("@");
  const local = text.slice(0, at);
  const masked = local.length === 1 ? "*" : local[0] + stars(local.length - 1);
  return masked + text.slice(at);
}

function hide(secret: string, tag: string, context: ReplaceContext): string {
  if (isMaskMarker(secret)) return secret;
  return context.tokenFor ? context.tokenFor(tag, secret) : stars(secret.length);
}

/**
 * Replace an assigned value, keeping its quotes: `"hunter2"` → `"***"`; the
 * value of a cookie header key (`key`) cookie by cookie: `"a=1; b=2"` → `"a=*; b=*"`.
 */
function assignedValue(text: string, tag: string, context: ReplaceContext, key: string): string {
  const quote = text.startsWith('\\"') ? '\\"' : text[0] === '"' || text[0] === "'" ? text[0] : "";
  const inner = text.slice(quote.length, text.length - quote.length);
  if (inner.length === 0 || isMaskMarker(inner)) return text;
  const cookies = cookieHeaderKind(key);
  const replacement = cookies
    ? maskCookieHeader(inner, cookies, (value) => hide(value, tag, context))
    : hide(inner, tag, context);
  return quote + replacement + quote;
}

function redact(text: string, tag: string, context: ReplaceContext): string {
  if (context.tokenFor) return context.tokenFor(tag, text);
  const label = `[REDACTED:${tag}]`;
  return label.length <= text.length ? label : stars(text.length);
}

/** Apply `rule`'s strategy to the secret part of a match; `key` is the field name in its kept prefix. */
export function applyStrategy(
  rule: MaskRule,
  secret: string,
  context: ReplaceContext,
  key = "",
): string {
  const strategy: Strategy = rule.strategy;
  switch (strategy.kind) {
    case "redact":
      return redact(secret, rule.tag, context);
    case "value":
      return assignedValue(secret, rule.tag, context, key);
    case "partial":
      return context.tokenFor
        ? context.tokenFor(rule.tag, alphanumerics(secret))
        : partial(secret, strategy.keepFirst, strategy.keepLast);
    case "email":
      return context.tokenFor ? context.tokenFor(rule.tag, secret.toLowerCase()) : email(secret);
    case "ip":
      return maskIpAddress(secret, context.ipMode) ?? secret;
  }
}
