/**
 * The shape of a masking rule (see `rules.ts` for the rule set and the regex
 * subset its sources are written in).
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
  | "aws_secret_key_unnamed"
  | "credential_header"
  | "cookie_value"
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
  /**
   * Secret → `***`, keeping surrounding quotes; used for assigned values. The
   * value of a `Cookie` or `Set-Cookie` key is masked cookie by cookie instead
   * (see `cookie_header.ts`).
   */
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
  /**
   * The kept prefix must assign to a cookie header key (`cookie_header.ts`);
   * other matches are turned down, as a keyed rule turns down keys that are
   * not sensitive.
   */
  readonly cookieKey?: boolean;
  readonly validator?: ValidatorId;
  readonly strategy: Strategy;
  readonly gate: RuleGate;
  /** Search accelerator, see {@linkcode SearchAnchor}. */
  readonly anchor?: SearchAnchor;
}

/** Placeholder in `source` for the sensitive-key alternation. */
export const SENSITIVE_KEYS_PLACEHOLDER = "<SENSITIVE_KEYS>";
