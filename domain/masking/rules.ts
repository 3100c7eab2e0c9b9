/**
 * The masking rule set (SPEC S9) as plain data. The TypeScript masker and the
 * generated Logstash filter are both built from this list, so it is written in
 * the regex subset V8 and Onigmo/Joni agree on: no named groups, no anchors,
 * lookbehind only over one character class.
 *
 * Every source is linear-time under global search: a rule either starts with a
 * literal, or starts with a negative lookbehind over the same class as its
 * first quantified run (so only the start of each run is tried), and
 * repetitions are unambiguous (what ends one repetition cannot start the
 * next). `redos_test.ts` proves each with a ReDoS checker.
 */

/** What a rule finds; the corpus measures recall per entity. */
export type EntityType =
  | "private_key"
  | "jwt"
  | "github_token"
  | "slack_token"
  | "slack_webhook"
  | "aws_access_key"
  | "aws_secret"
  | "credential_header"
  | "bearer_token"
  | "secret_assignment"
  | "email"
  | "iban"
  | "card"
  | "kr_rrn"
  | "us_ssn"
  | "phone"
  | "ipv6"
  | "ipv4";

/** Checks applied to a regex match before it is masked (see `validators.ts`). */
export type ValidatorId = "card" | "iban" | "phone" | "ipv4" | "ipv6" | "opaque_token";

/** How the secret part of a match is replaced. */
export type Strategy =
  /** Whole secret → `[REDACTED:<tag>]`; used for self-identifying credentials. */
  | { readonly kind: "redact" }
  /** Secret → `***`, keeping surrounding quotes; used for assigned values. */
  | { readonly kind: "value" }
  /** Letters and digits → `*` except the first/last few; separators kept. */
  | { readonly kind: "partial"; readonly keepFirst: number; readonly keepLast: number }
  /** `jane.doe@example.com` → `j***@example.com`. */
  | { readonly kind: "email" }
  /** Per the IP mode: kept, truncated to /24 (IPv6 /48), or blanked. */
  | { readonly kind: "ip" };

/**
 * Cheap pre-checks that let a rule be skipped without running its regex
 * (`_rule_gate.ts` computes the features in one pass). All listed conditions
 * must hold. A gate may only reject strings that the regex and validator
 * together could not turn into a masked match; the corpus and property tests
 * run with and without gates to prove it.
 */
export interface RuleGate {
  /** No match is shorter. */
  readonly minLength?: number;
  /** At least this many ASCII digits occur. */
  readonly minDigits?: number;
  /** Some run of consecutive digits is at least this long. */
  readonly minDigitRun?: number;
  /** Each of these characters occurs (from `@ = - + : .`). */
  readonly chars?: string;
  /** At least one of these characters occurs (from `@ = - + : .`). */
  readonly anyChars?: string;
  /** An upper-case letter is directly followed by a digit somewhere. */
  readonly upperDigit?: boolean;
  /**
   * Shape the text must have somewhere: `card` — a run of 13+ digits or two
   * 4+-digit runs followed by a separator; `ipv4` — three `digit.digit`;
   * `ipv6` — `::` or six `hex:hex`.
   */
  readonly shape?: "card" | "ipv4" | "ipv6";
  /** At least one of these substrings occurs. */
  readonly literals?: readonly string[];
  /** Compare `literals` ignoring ASCII case. */
  readonly ignoreCase?: boolean;
  /** A configured sensitive key word occurs (any case). */
  readonly sensitiveKeyword?: boolean;
}

/** One masking rule. */
export interface MaskRule {
  readonly id: string;
  readonly entity: EntityType;
  /**
   * Short label in masked output: `[REDACTED:jwt]`, deterministic `[card#…]`.
   * Never a sensitive key word, so masked output is not matched again.
   */
  readonly tag: string;
  /** Regex source; `<SENSITIVE_KEYS>` is replaced by the configured key alternation. */
  readonly source: string;
  readonly ignoreCase?: boolean;
  /** When set, capture group 1 (at the start of the match) is kept; the rest is the secret. */
  readonly keepsPrefix?: boolean;
  readonly validator?: ValidatorId;
  readonly strategy: Strategy;
  readonly gate: RuleGate;
  /**
   * Search accelerator, see `mask_text.ts`: every match contains `literal`,
   * and starts where the run of `leadClass` characters before its first
   * `literal` starts. Proven equivalent to the plain search in the tests.
   */
  readonly anchor?: { readonly literal: string; readonly leadClass: string };
}

/** Placeholder in `source` for the sensitive-key alternation. */
export const SENSITIVE_KEYS_PLACEHOLDER = "<SENSITIVE_KEYS>";

const R = String.raw;
const REDACT: Strategy = { kind: "redact" };
const VALUE: Strategy = { kind: "value" };
const BOUNDARY_END = R`(?![\w-]|\.[0-9])`;

/** The rules, most specific first: earlier rules mask before later ones look. */
export const MASK_RULES: readonly MaskRule[] = [
  {
    id: "pem_private_key",
    entity: "private_key",
    tag: "pem",
    source:
      R`-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY-----(?:[^"\\-]|\\[^"]|-(?!----END))*(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY-----)?`,
    strategy: REDACT,
    gate: { literals: ["-----BEGIN"], minLength: 26 },
  },
  {
    id: "jwt",
    entity: "jwt",
    tag: "jwt",
    source: R`(?<![\w-])eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*`,
    strategy: REDACT,
    gate: { literals: ["eyJ"], minLength: 18 },
  },
  {
    id: "github_token",
    entity: "github_token",
    tag: "github",
    source: R`(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})(?!\w)`,
    strategy: REDACT,
    gate: {
      literals: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
      minLength: 33,
    },
  },
  {
    id: "slack_token",
    entity: "slack_token",
    tag: "slack",
    source: R`(?<![\w-])(?:xox[abposr]-|xapp-)[A-Za-z0-9-]{20,}(?![\w-])`,
    strategy: REDACT,
    gate: { literals: ["xox", "xapp-"], minLength: 25 },
  },
  {
    id: "slack_webhook",
    entity: "slack_webhook",
    tag: "slack",
    source: R`(hooks\.slack\.com/(?:services|workflows|triggers)/)[A-Za-z0-9_/]{20,}`,
    keepsPrefix: true,
    strategy: REDACT,
    gate: { literals: ["hooks.slack.com/"], minLength: 45 },
  },
  {
    id: "aws_access_key_id",
    entity: "aws_access_key",
    tag: "aws",
    source: R`(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])`,
    strategy: REDACT,
    gate: { literals: ["AKIA", "ASIA", "ABIA", "ACCA"], minLength: 20 },
  },
  {
    id: "aws_secret_access_key",
    entity: "aws_secret",
    tag: "aws",
    source:
      R`((?<![A-Za-z0-9])(?:aws_?)?secret_?(?:access_?)?key\\?["']?[ \t]*[:=][ \t]*\\?["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`,
    ignoreCase: true,
    keepsPrefix: true,
    strategy: REDACT,
    gate: { literals: ["secret"], ignoreCase: true, minLength: 46, anyChars: ":=" },
  },
  {
    id: "authorization_header",
    entity: "credential_header",
    tag: "header",
    source:
      R`((?<![\w-])(?:proxy-authorization|authorization|x-api-key|x-auth-token)[ \t]*:[ \t]*)(?:(?:bearer|basic|digest|negotiate|ntlm|token|apikey|aws4-hmac-sha256) +)?[^\s"\\]+`,
    ignoreCase: true,
    keepsPrefix: true,
    strategy: VALUE,
    gate: {
      literals: ["authorization", "x-api-key", "x-auth-token"],
      ignoreCase: true,
      chars: ":",
      minLength: 11,
    },
  },
  {
    id: "cookie_header",
    entity: "credential_header",
    tag: "header",
    source: R`((?<![\w-])(?:set-cookie|cookie)[ \t]*:[ \t]*)[^\s"\\][^\r\n"\\]*`,
    ignoreCase: true,
    keepsPrefix: true,
    strategy: VALUE,
    gate: { literals: ["cookie"], ignoreCase: true, chars: ":", minLength: 8 },
  },
  {
    id: "bearer_token",
    entity: "bearer_token",
    tag: "bearer",
    source: R`((?<![\w-])(?:[Bb]earer|BEARER|[Bb]asic|BASIC)[ \t]+)[\w.~+/-]{8,}=*`,
    keepsPrefix: true,
    validator: "opaque_token",
    strategy: VALUE,
    gate: { literals: ["earer", "EARER", "asic", "ASIC"], minLength: 14 },
  },
  {
    id: "secret_assignment",
    entity: "secret_assignment",
    tag: "value",
    source:
      R`((?<![\w.-])[\w.-]{0,40}?(?:${SENSITIVE_KEYS_PLACEHOLDER})[\w.-]{0,40}\\?["']?[ \t]*(?:=>|[:=])[ \t]*)(?:"(?:[^"\\\r\n]|\\.)*"|\\"(?:[^"\\\r\n]|\\[^"\r\n])*\\"|'[^'\r\n]*'|(?:(?:[Bb]earer|[Bb]asic) )?[^\s"'<>{}\[\](),;&\\]+)`,
    ignoreCase: true,
    keepsPrefix: true,
    strategy: VALUE,
    gate: { anyChars: ":=", minLength: 4, sensitiveKeyword: true },
  },
  {
    id: "email",
    entity: "email",
    tag: "email",
    source:
      R`(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w%+@-]|\.[\w.%+-])`,
    strategy: { kind: "email" },
    gate: { chars: "@.", minLength: 6 },
    anchor: { literal: "@", leadClass: R`[\w.%+-]` },
  },
  {
    id: "iban",
    entity: "iban",
    tag: "iban",
    source:
      R`(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])`,
    validator: "iban",
    strategy: { kind: "partial", keepFirst: 2, keepLast: 4 },
    gate: { minLength: 15, minDigits: 2, minDigitRun: 2, upperDigit: true },
  },
  {
    id: "payment_card",
    entity: "card",
    tag: "card",
    source:
      R`(?<![\w.-])(?:[0-9]{13,19}|[0-9]{4}(?:[ -][0-9]{4}){2}[ -][0-9]{1,7}|[0-9]{4}[ -][0-9]{6}[ -][0-9]{4,5})${BOUNDARY_END}`,
    validator: "card",
    strategy: { kind: "partial", keepFirst: 0, keepLast: 4 },
    gate: { minLength: 13, minDigits: 13, minDigitRun: 4, shape: "card" },
  },
  {
    id: "kr_resident_registration_number",
    entity: "kr_rrn",
    tag: "rrn",
    source:
      R`(?<![\w.-])[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])-[1-8][0-9]{6}${BOUNDARY_END}`,
    strategy: { kind: "partial", keepFirst: 0, keepLast: 0 },
    gate: { minLength: 14, minDigits: 13, minDigitRun: 6, chars: "-" },
  },
  {
    id: "us_ssn",
    entity: "us_ssn",
    tag: "ssn",
    source: R`(?<![\w.-])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}${BOUNDARY_END}`,
    strategy: { kind: "partial", keepFirst: 0, keepLast: 0 },
    gate: { minLength: 11, minDigits: 9, minDigitRun: 3, chars: "-" },
  },
  {
    id: "phone_number",
    entity: "phone",
    tag: "phone",
    source:
      R`(?<![\w+.-])(?:\+[1-9][0-9]{7,14}|\+[1-9][0-9]{0,2}[ .-]?\(?[0-9]{1,4}\)?(?:[ .-][0-9]{2,8}){1,4}|01[016789](?:-[0-9]{3,4}-|\.[0-9]{3,4}\.| [0-9]{3,4} )[0-9]{4}|010[0-9]{8})${BOUNDARY_END}`,
    validator: "phone",
    strategy: { kind: "partial", keepFirst: 0, keepLast: 4 },
    gate: { minLength: 9, minDigits: 8, minDigitRun: 2 },
  },
  {
    id: "ipv6_address",
    entity: "ipv6",
    tag: "ip",
    source:
      R`(?<![\w:.])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]{1,38}(?:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})?(?![\w:]|\.\w)`,
    validator: "ipv6",
    strategy: { kind: "ip" },
    gate: { minLength: 3, chars: ":", shape: "ipv6" },
  },
  {
    id: "ipv4_address",
    entity: "ipv4",
    tag: "ip",
    source: R`(?<![\w.])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?!\w|\.[0-9])`,
    validator: "ipv4",
    strategy: { kind: "ip" },
    gate: { minLength: 7, minDigits: 4, shape: "ipv4" },
  },
];

/** The rule's regex source with the sensitive-key alternation filled in. */
export function resolveSource(rule: MaskRule, keyAlternation: string): string {
  return rule.source.replace(SENSITIVE_KEYS_PLACEHOLDER, keyAlternation);
}

/** Whether the rule's match must also be confirmed by the sensitive-key matcher. */
export function isKeyedRule(rule: MaskRule): boolean {
  return rule.source.includes(SENSITIVE_KEYS_PLACEHOLDER);
}
