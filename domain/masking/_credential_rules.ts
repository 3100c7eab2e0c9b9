import { type MaskRule, SENSITIVE_KEYS_PLACEHOLDER, type Strategy } from "./_rule_types.ts";

const R = String.raw;
const REDACT: Strategy = { kind: "redact" };
const VALUE: Strategy = { kind: "value" };

/** An AWS access key id; ids are public-looking, but they also mark where a secret key stands. */
const AWS_KEY_ID = R`(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`;
/**
 * What stands between the columns of a credential dump: `,` `:` `;` `|` `=` or
 * blanks (a tab also JSON-escaped, `\t`), quoted or not.
 */
const AWS_COLUMN_GAP = R`\\?["']?(?:[ \t]*[,:;|=][ \t]*|[ \t]+|\\t)\\?["']?`;
/** An AWS secret access key: exactly 40 base64 characters (more, or `=` padding, is some other blob). */
const AWS_SECRET = R`[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`;
const ACCESS = R`(?:[ _.-]?(?:access|Access|ACCESS))?`;
const KEY = R`[ _.-]?(?:key|Key|KEY)`;
/**
 * Words that name a secret key without a `key=` shape: `aws secret`, `aws_secret`,
 * `AWS Secret Access Key [None]:` (the `aws configure` prompt), `secret_key`.
 * Written out per case (as `Bearer` is) so the gate can find them as exact
 * literals; a lower-case `secret` needs a key word after it, as the scanner
 * would otherwise stop at every `c` of a text to look for it. The prompt's
 * `[…]` refuses `:` and `#`, so a mask (`[REDACTED:aws]`) never stands in for it.
 */
const AWS_SECRET_WORDS =
  R`(?:(?:(?:aws|AWS|Aws)(?:[ _.-]?(?:secret|Secret|SECRET))?|Secret|SECRET)` +
  R`${ACCESS}(?:${KEY})?|secret${ACCESS}${KEY})(?:[ \t]*\[[^\]\r\n:#]{0,20}\])?`;
const AWS_ID_LITERALS = ["AKIA", "ASIA", "ABIA", "ACCA"];

const JSON_STRING = R`"(?:[^"\\\r\n]|\\.)*"`;
const ESCAPED_JSON_STRING = R`\\"(?:[^"\\\r\n]|\\[^"\r\n])*\\"`;
/** A quoted assigned value: JSON/logfmt `"…"`, JSON-in-JSON `\"…\"`, or `'…'`. */
const QUOTED_VALUE = R`${JSON_STRING}|${ESCAPED_JSON_STRING}|'[^'\r\n]*'`;
/**
 * A key ending in `cookie(s)`: `Cookie`, `Set-Cookie`, `sessionCookie`,
 * `http.request.headers.cookie`; one that is no cookie header
 * (`fortunecookie`) is turned down (`cookieKey`). The value strategy masks
 * the value per cookie. Keys, separators and values cover all that
 * `secret_assignment` would take for such a key, as it leaves them to these rules.
 */
const COOKIE_KEY = R`(?<![\w.-])[\w.-]{0,120}?cookies?\\?["']?[ \t]*`;
const COOKIE_GATE = { assignedKey: ["cookie"], literals: ["cookie"], ignoreCase: true };
/** Headers serialised as JSON hold `Set-Cookie` as an array: `"set-cookie":["a=1; Path=/","b=2"]`. */
const COOKIE_ARRAY = R`\[[ \t]*(?:(?:${JSON_STRING}|${ESCAPED_JSON_STRING})` +
  R`(?:[ \t]*,[ \t]*(?:${JSON_STRING}|${ESCAPED_JSON_STRING}))*[ \t]*)?\]`;
/** A deterministic mask (`[card#…]`) a later rule may leave in a cookie name. */
const MASK_TOKEN = R`\[[a-z_]+#[a-p]{16}\]`;
/**
 * A header line's value, to the end of the line or of the JSON string it is
 * in. A cookie value right after `=` may be quoted (`sid="abc"`, `sid=\"abc\"`):
 * such a quote is told from the end of a JSON string by what follows it, not
 * by what it holds, which masking changes.
 */
const COOKIE_LINE = R`(?:[^\s"\\\[{]|${MASK_TOKEN})(?:[^\r\n"\\]|(?<=[=])` +
  R`(?:"[^"\r\n\\]*"(?![^;,\s])|\\"[^"\r\n\\]*\\"(?![^;,\s"\\])))*`;

/** Self-identifying credentials, header values and assigned secrets; they run before the personal data rules. */
export const CREDENTIAL_RULES: readonly MaskRule[] = [
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
  // The two unnamed-secret rules run before the id rule: it is their context.
  {
    id: "aws_secret_after_key_id",
    entity: "aws_secret_key_unnamed",
    tag: "aws",
    source: R`((?<![A-Za-z0-9])${AWS_KEY_ID}${AWS_COLUMN_GAP})${AWS_SECRET}`,
    keepsPrefix: true,
    strategy: REDACT,
    gate: { literals: AWS_ID_LITERALS, minLength: 61 },
  },
  {
    id: "aws_secret_before_key_id",
    entity: "aws_secret_key_unnamed",
    tag: "aws",
    source: R`(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?=${AWS_COLUMN_GAP}${AWS_KEY_ID}(?![A-Za-z0-9]))`,
    strategy: REDACT,
    gate: { literals: AWS_ID_LITERALS, minLength: 61 },
  },
  {
    id: "aws_access_key_id",
    entity: "aws_access_key",
    tag: "aws",
    source: R`(?<![A-Za-z0-9])${AWS_KEY_ID}(?![A-Za-z0-9])`,
    strategy: REDACT,
    gate: { literals: AWS_ID_LITERALS, minLength: 20 },
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
    id: "aws_secret_after_keyword",
    entity: "aws_secret_key_unnamed",
    tag: "aws",
    source: R`((?<![A-Za-z0-9])${AWS_SECRET_WORDS}${AWS_COLUMN_GAP})${AWS_SECRET}`,
    keepsPrefix: true,
    strategy: REDACT,
    gate: {
      literals: ["aws", "AWS", "Aws", "Secret", "SECRET", "key", "Key", "KEY"],
      minLength: 44,
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
    // A header line: the value runs to the end of the line (`Expires=` dates hold blanks).
    id: "cookie_header",
    entity: "cookie_value",
    tag: "value",
    source: R`(${COOKIE_KEY}:[ \t]*)(?:${COOKIE_ARRAY}|${QUOTED_VALUE}|${COOKIE_LINE})`,
    ignoreCase: true,
    keepsPrefix: true,
    cookieKey: true,
    strategy: VALUE,
    gate: { ...COOKIE_GATE, chars: ":", minLength: 8 },
  },
  {
    // `cookie=a=1;b=2` in logfmt or a query: an unquoted value ends at a blank.
    id: "cookie_assignment",
    entity: "cookie_value",
    tag: "value",
    source:
      R`(${COOKIE_KEY}=>?[ \t]*)(?:${COOKIE_ARRAY}|${QUOTED_VALUE}|(?:(?:[Bb]earer|[Bb]asic) )?(?:[^\s"'<>{}\[\]()&\\]|${MASK_TOKEN})+)`,
    ignoreCase: true,
    keepsPrefix: true,
    cookieKey: true,
    strategy: VALUE,
    gate: { ...COOKIE_GATE, chars: "=", minLength: 8 },
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
      R`((?<![\w.-])[\w.-]{0,40}?(?:${SENSITIVE_KEYS_PLACEHOLDER})[\w.-]{0,40}\\?["']?[ \t]*(?:=>|[:=])[ \t]*)(?:${QUOTED_VALUE}|(?:(?:[Bb]earer|[Bb]asic) )?[^\s"'<>{}\[\](),;&\\]+)`,
    ignoreCase: true,
    keepsPrefix: true,
    strategy: VALUE,
    gate: { assignedKey: [SENSITIVE_KEYS_PLACEHOLDER], anyChars: ":=", minLength: 4 },
    anchor: { literal: SENSITIVE_KEYS_PLACEHOLDER, leadClass: R`[\w.-]` },
  },
];
