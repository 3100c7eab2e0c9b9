import { isCardNumber } from "./luhn.ts";
import { isValidIban } from "./iban.ts";
import { parseIpv4, parseIpv6 } from "./ip.ts";
import type { ValidatorId } from "./rules.ts";

function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

/**
 * Bearer/Basic credentials look random; English words after "Basic" or
 * "Bearer" ("Basic authentication failed") do not. A credential has a digit,
 * a symbol, or upper case after its first character.
 */
function isOpaqueToken(text: string): boolean {
  return /[0-9+/=._~-]/.test(text) || /[A-Z]/.test(text.slice(1));
}

/**
 * IPv6 addresses need at least two groups around the `::` or a full eight
 * groups; `a::b`-style C++ scopes are too ambiguous to mask in prose.
 */
function isIpv6(text: string): boolean {
  if (parseIpv6(text) === undefined) return false;
  return text.startsWith("::") || text.replaceAll("::", ":").split(":").filter(Boolean).length > 2;
}

/**
 * Checks a regex match must pass before it is masked. They keep precision
 * high: a 16-digit number is only a card when Luhn-valid with a card prefix,
 * an IBAN only with the right length and check digits.
 */
export const VALIDATORS: Readonly<Record<ValidatorId, (secret: string) => boolean>> = {
  card: isCardNumber,
  iban: isValidIban,
  phone: (text) => {
    const digits = countDigits(text);
    return digits >= 8 && digits <= 15;
  },
  ipv4: (text) => parseIpv4(text) !== undefined,
  ipv6: isIpv6,
  opaque_token: isOpaqueToken,
};
