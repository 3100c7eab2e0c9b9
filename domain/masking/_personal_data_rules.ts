import type { MaskRule } from "./_rule_types.ts";

const R = String.raw;
const BOUNDARY_END = R`(?![\w-]|\.[0-9])`;

/**
 * Personal data, after the credential rules. Where two rules meet, the order
 * keeps masking idempotent: `iban` runs before `email` (an IBAN masked right
 * after a domain would otherwise let the domain end there on a second pass),
 * and `ipv6_address` before `phone_number` (a shortened address would
 * otherwise free a `+` phone behind it); and since a masked phone can free an
 * address in turn (`-02001:db8::` → `-*2001:db8::`), the IPv6 lookbehind
 * refuses `*` like a word character.
 */
export const PERSONAL_DATA_RULES: readonly MaskRule[] = [
  {
    id: "iban",
    entity: "iban",
    tag: "iban",
    source:
      R`(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])`,
    validator: "iban",
    strategy: { kind: "partial", keepFirst: 2, keepLast: 4 },
    gate: { shape: "iban", minLength: 15 },
  },
  {
    id: "email",
    entity: "email",
    tag: "email",
    source:
      R`(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w%+@-]|\.[\w.%+-])`,
    strategy: { kind: "email" },
    gate: { shape: "email", chars: ".", minLength: 6 },
    anchor: { literal: "@", leadClass: R`[\w.%+-]`, minLead: 1 },
  },
  {
    id: "payment_card",
    entity: "card",
    tag: "card",
    source:
      R`(?<![\w.-])(?:[0-9]{13,19}|[0-9]{4}(?:[ -][0-9]{4}){2}[ -][0-9]{1,7}|[0-9]{4}[ -][0-9]{6}[ -][0-9]{4,5})${BOUNDARY_END}`,
    validator: "card",
    strategy: { kind: "partial", keepFirst: 0, keepLast: 4 },
    gate: { shape: "card", minLength: 13 },
  },
  {
    id: "kr_resident_registration_number",
    entity: "kr_rrn",
    tag: "rrn",
    source:
      R`(?<![\w.-])[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])-[1-8][0-9]{6}${BOUNDARY_END}`,
    strategy: { kind: "partial", keepFirst: 0, keepLast: 0 },
    gate: { shape: "rrn", minLength: 14 },
  },
  {
    id: "us_ssn",
    entity: "us_ssn",
    tag: "ssn",
    source: R`(?<![\w.-])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}${BOUNDARY_END}`,
    strategy: { kind: "partial", keepFirst: 0, keepLast: 0 },
    gate: { shape: "ssn", minLength: 11 },
  },
  {
    id: "ipv6_address",
    entity: "ipv6",
    tag: "ip",
    source:
      R`(?<![\w:.*])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{1,38}(?:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})?(?![\w:]|\.\w)`,
    validator: "ipv6",
    strategy: { kind: "ip" },
    gate: { shape: "ipv6", minLength: 3 },
  },
  {
    id: "phone_number",
    entity: "phone",
    tag: "phone",
    source:
      R`(?<![\w+.-])(?:\+[1-9][0-9]{7,14}|\+[1-9][0-9]{0,2}[ .-]?\(?[0-9]{1,4}\)?(?:[ .-][0-9]{2,8}){1,4}|01[016789](?:-[0-9]{3,4}-|\.[0-9]{3,4}\.| [0-9]{3,4} )[0-9]{4}|010[0-9]{8})${BOUNDARY_END}`,
    validator: "phone",
    strategy: { kind: "partial", keepFirst: 0, keepLast: 4 },
    gate: { shape: "phone", minLength: 9 },
  },
  {
    id: "ipv4_address",
    entity: "ipv4",
    tag: "ip",
    source: R`(?<![\w.])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?!\w|\.[0-9])`,
    validator: "ipv4",
    strategy: { kind: "ip" },
    gate: { shape: "ipv4", minLength: 7 },
    anchor: { literal: ".", leadClass: "[0-9]", minLead: 1, notAfter: R`[\w.]` },
  },
];
