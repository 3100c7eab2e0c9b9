/**
 * Luhn (mod 10) check over a string of ASCII digits. Card numbers are only
 * masked when they pass it, so that order ids, timestamps and other long
 * numbers are left readable.
 */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const code = digits.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return false;
    let value = code;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The ASCII digits of `text`, in order: `"4111-1111 1111"` → `"411111111111"`. */
export function digitsOf(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) out += text[i];
  }
  return out;
}

/**
 * A payment card number: 13–19 digits, Luhn-valid, with an issuer prefix in
 * the 2–6 range (Mastercard 2-series, Amex/JCB/Diners 3, Visa 4, Mastercard and
 * Maestro 5, Discover/UnionPay 6). The prefix rule is what keeps 13-digit
 * epoch-millisecond and 16/19-digit micro/nanosecond timestamps (all starting
 * with 1 until 2033) from being taken for cards; 13 digits is Visa only.
 */
export function isCardNumber(text: string): boolean {
  const digits = digitsOf(text);
  if (digits.length < 13 || digits.length > 19) return false;
  const first = digits.charCodeAt(0) - 48;
  if (first < 2 || first > 6) return false;
  if (digits.length === 13 && first !== 4) return false;
  return isLuhnValid(digits);
}
