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

/** Digit and punctuation shapes a gate can require (see `_text_scanner.ts`). */
export type TextShape =
  /** `@` with a local-part character before it and a domain character after it. */
  | "email"
  /** Two upper-case letters followed by two digits. */
  | "iban"
  /** A run of 13+ digits, or runs 4, 4 or 4, 6 joined by space or `-` and followed by another run. */
  | "card"
  /** Runs of 6 and 7 digits joined by `-`. */
  | "rrn"
  /** Runs of 3, 2 and 4 digits joined by `-`. */
  | "ssn"
  /** `+` and a digit 1–9, or a run `01x` ended by `-`, `.` or space, or an 11-digit run `010…`. */
  | "phone"
  /** `::`, or three 1–4-digit hex groups each between colons (`:a:b:c:`). */
  | "ipv6"
  /** Four runs of at most three digits joined by `.`. */
  | "ipv4";

/**
 * Cheap pre-checks that let a rule be skipped without running its regex
 * (`_text_scanner.ts` gathers the facts in one pass). All listed conditions must
 * hold. A gate may only reject strings that the regex and validator together
 * could not turn into a masked match; the property tests run with and without
 * gates to prove it.
 */
export interface RuleGate {
  /** No match is shorter. */
  readonly minLength?: number;
  /** Each of these characters occurs (from `@ = - + : . _ /`, and space for space or tab). */
  readonly chars?: string;
  /** At least one of these characters occurs (same set). */
  readonly anyChars?: string;
  /** A shape every match that gets masked contains. */
  readonly shape?: TextShape;
  /** At least one of these substrings occurs (exact, or see `ignoreCase`). */
  readonly literals?: readonly string[];
  /** Compare `literals` ignoring ASCII case. */
  readonly ignoreCase?: boolean;
  /**
   * One of these words (any case, `_ . -` ignored; `<SENSITIVE_KEYS>` for the
   * configured key words) may start inside the run of `[\w.-]` that stands,
   * past quotes and blanks, right before a `:` or `=`.
   */
  readonly assignedKey?: readonly string[];
}

/**
 * Where a rule's matches can start, so the search can skip ahead (see
 * `_rule_search.ts`). Proven equivalent to the plain search in the tests.
 */
export interface SearchAnchor {
  /**
   * Every match contains this, preceded inside the match only by `leadClass`
   * characters. `<SENSITIVE_KEYS>` stands for a configured key word (any case).
   */
  readonly literal: string;
  /** No match starts right after one of these characters (they are in the rule's lookbehind). */
  readonly leadClass: string;
  /** Fewest lead characters before the literal (only for a literal outside `leadClass`). */
  readonly minLead?: number;
  /** The rule's lookbehind, when it refuses more characters than `leadClass`. */
  readonly notAfter?: string;
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
  /** Search accelerator, see {@linkcode SearchAnchor}. */
  readonly anchor?: SearchAnchor;
}

/** Placeholder in `source` for the sensitive-key alternation. */
export const SENSITIVE_KEYS_PLACEHOLDER = "<SENSITIVE_KEYS>";

const R = String.raw;
const REDACT: Strategy = { kind: "redact" };
const VALUE: Strategy = { kind: "value" };
const BOUNDARY_END = R`(?![\w-]|\.[0-9])`;

/**
 * The rules, most specific first: earlier rules mask before later ones look.
 * Where two rules meet, the order also keeps masking idempotent: `iban` runs
 * before `email` (an IBAN masked right after a domain would otherwise let the
 * domain end there on a second pass), and `ipv6_address` before
 * `phone_number` (a shortened address would otherwise free a `+` phone behind
 * it); and since a masked phone can free an address in turn (`-02001:db8::`
 * → `-*2001:db8::`), the IPv6 lookbehind refuses `*` like a word character.
 */
export const MASK_RULES: readonly MaskRule[] = [
  {
    id: "pem_private_key",
    entity: "private_key",
    tag: "pem",
    source:
      R`-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY-----(?:[^"\\-]|\\[^"]|-(?!----END))*(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY-----)?`,
    strategy: REDACT,
    gate: { literals: ["-----BEGIN"], chars: "-", minLength: 26 },
  },
  {
    id: "jwt",
    entity: "jwt",
    tag: "jwt",
    source: R`(?<![\w-])eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*`,
    strategy: REDACT,
    gate: { literals: ["eyJ"], chars: ".", minLength: 18 },
  },
  {
    id: "github_token",
    entity: "github_token",
    tag: "github",
    source: R`(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})(?!\w)`,
    strategy: REDACT,
    gate: {
      literals: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
      chars: "_",
      minLength: 33,
    },
  },
  {
    id: "slack_token",
    entity: "slack_token",
    tag: "slack",
    source: R`(?<![\w-])(?:xox[abposr]-|xapp-)[A-Za-z0-9-]{20,}(?![\w-])`,
    strategy: REDACT,
    gate: { literals: ["xox", "xapp-"], chars: "-", minLength: 25 },
  },
  {
    id: "slack_webhook",
    entity: "slack_webhook",
    tag: "slack",
    source: R`(hooks\.slack\.com/(?:services|workflows|triggers)/)[A-Za-z0-9_/]{20,}`,
    keepsPrefix: true,
    strategy: REDACT,
    gate: { literals: ["hooks.slack.com/"], chars: "./", minLength: 45 },
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
    gate: {
      assignedKey: ["secret"],
      literals: ["secret"],
      ignoreCase: true,
      minLength: 46,
      anyChars: ":=",
    },
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
      assignedKey: ["authorization", "x-api-key", "x-auth-token"],
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
    gate: {
      assignedKey: ["cookie"],
      literals: ["cookie"],
      ignoreCase: true,
      chars: ":",
      minLength: 8,
    },
  },
  {
    id: "bearer_token",
    entity: "bearer_token",
    tag: "bearer",
    source: R`((?<![\w-])(?:[Bb]earer|BEARER|[Bb]asic|BASIC)[ \t]+)[\w.~+/-]{8,}=*`,
    keepsPrefix: true,
    validator: "opaque_token",
    strategy: VALUE,
    gate: {
      literals: ["Bearer", "bearer", "BEARER", "Basic", "basic", "BASIC"],
      anyChars: " ",
      minLength: 14,
    },
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
    gate: { assignedKey: [SENSITIVE_KEYS_PLACEHOLDER], anyChars: ":=", minLength: 4 },
    anchor: { literal: SENSITIVE_KEYS_PLACEHOLDER, leadClass: R`[\w.-]` },
  },
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

/** The rule's regex source with the sensitive-key alternation filled in. */
export function resolveSource(rule: MaskRule, keyAlternation: string): string {
  return rule.source.replace(SENSITIVE_KEYS_PLACEHOLDER, keyAlternation);
}

/** Whether the rule's match must also be confirmed by the sensitive-key matcher. */
export function isKeyedRule(rule: MaskRule): boolean {
  return rule.source.includes(SENSITIVE_KEYS_PLACEHOLDER);
}
