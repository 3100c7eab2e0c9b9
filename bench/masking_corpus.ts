/**
 * A labelled corpus for the masking rules, generated with a seeded faker:
 * secrets of every entity type embedded in realistic plain-text, logfmt and
 * JSON log lines next to look-alikes that must survive (Luhn-invalid 16-digit
 * numbers, order ids, UUIDs, epoch-millisecond timestamps, git SHAs, SHA-1
 * digests, 40-character base64 etags, trace ids; cookie names and `Set-Cookie`
 * attributes). Shared by the accuracy tests and the benchmark.
 */
import { faker } from "@faker-js/faker";
import { isLuhnValid } from "../domain/masking/luhn.ts";

/** Entity labels of the corpus (the rule entity a secret must be caught by). */
export type CorpusEntity =
  | "email"
  | "card"
  | "us_ssn"
  | "kr_rrn"
  | "phone"
  | "iban"
  | "ipv4"
  | "ipv6"
  | "jwt"
  | "bearer_token"
  | "aws_access_key"
  | "aws_secret"
  | "aws_secret_key_unnamed"
  | "github_token"
  | "slack_token"
  | "private_key"
  | "secret_assignment"
  | "cookie_value";

/** Values that look numeric or random but are not secrets. */
export type NegativeKind =
  | "luhn_invalid_16"
  | "order_id"
  | "uuid"
  | "epoch_ms"
  | "git_sha"
  | "sha1_hex"
  | "base64_40"
  | "trace_id";

/**
 * One piece of a corpus line: plain filler, a labelled secret, a labelled
 * look-alike, or context a rule may legitimately mask with its secret (the
 * `Bearer ` scheme inside an `Authorization` value, the access key id beside
 * an unnamed AWS secret key).
 */
export type Part =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "context"; readonly text: string }
  | { readonly kind: "secret"; readonly entity: CorpusEntity; readonly text: string }
  | { readonly kind: "negative"; readonly negative: NegativeKind; readonly text: string };

/** One corpus line: its parts, in order; `parts.map(p => p.text).join("")` is the line. */
export interface CorpusLine {
  /** The entity the line was made for (its secrets; other parts must survive). */
  readonly entity: CorpusEntity;
  readonly format: "text" | "logfmt" | "json";
  readonly parts: readonly Part[];
}

const text = (value: string): Part => ({ kind: "text", text: value });
const context = (value: string): Part => ({ kind: "context", text: value });
const secret = (entity: CorpusEntity, value: string): Part => ({
  kind: "secret",
  entity,
  text: value,
});
const negative = (kind: NegativeKind, value: string): Part => ({
  kind: "negative",
  negative: kind,
  text: value,
});

const digits = (n: number) => faker.string.numeric({ length: n, allowLeadingZeros: true });
const base64url = (n: number) =>
  faker.string.alphanumeric(n) + faker.helpers.arrayElement(["", "-", "_"]);
const b64 = (value: string) =>
  btoa(value).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+";
const hex = (n: number) => faker.string.hexadecimal({ length: n, casing: "lower", prefix: "" });
const awsKeyId = () =>
  faker.helpers.arrayElement(["AKIA", "ASIA"]) +
  faker.string.fromCharacters("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);

function luhnInvalid16(): string {
  for (;;) {
    const candidate = faker.helpers.arrayElement(["4", "5", "3", "6"]) + digits(15);
    if (!isLuhnValid(candidate)) return candidate;
  }
}

function ssn(): string {
  let area = faker.number.int({ min: 1, max: 899 });
  if (area === 666) area = 665;
  return `${String(area).padStart(3, "0")}-${
    String(faker.number.int({ min: 1, max: 99 })).padStart(2, "0")
  }-${String(faker.number.int({ min: 1, max: 9999 })).padStart(4, "0")}`;
}

function rrn(): string {
  const date = faker.date.birthdate({ min: 1940, max: 2015, mode: "year" });
  const yy = String(date.getFullYear() % 100).padStart(2, "0");
  const mm = String(date.getMonth() + 1).padStart(2, "0");
  const dd = String(date.getDate()).padStart(2, "0");
  const gender = date.getFullYear() >= 2000
    ? faker.helpers.arrayElement(["3", "4"])
    : faker.helpers.arrayElement(["1", "2"]);
  return `${yy}${mm}${dd}-${gender}${digits(6)}`;
}

function phone(): string {
  const mid = () => digits(faker.helpers.arrayElement([3, 4]));
  return faker.helpers.arrayElement([
    () => faker.phone.number({ style: "international" }),
    () => `010-${digits(4)}-${digits(4)}`,
    () => `01${faker.helpers.arrayElement(["0", "1", "6", "7", "9"])} ${mid()} ${digits(4)}`,
    () => `010${digits(8)}`,
    () => `+82 10-${digits(4)}-${digits(4)}`,
    () => `+1 (${faker.number.int({ min: 201, max: 989 })}) ${digits(3)}-${digits(4)}`,
    () => `+44 20 ${digits(4)} ${digits(4)}`,
    () => `+49 30 ${digits(6)}`,
  ])();
}

function iban(): string {
  const value = faker.finance.iban();
  return faker.datatype.boolean() ? value : value.replace(/(.{4})(?!$)/g, "$1 ");
}

function jwt(): string {
  const header = b64(
    JSON.stringify({ alg: faker.helpers.arrayElement(["HS256", "RS256", "ES256"]), typ: "JWT" }),
  );
  const payload = b64(
    JSON.stringify({
      sub: faker.string.uuid(),
      iat: faker.number.int({ min: 1.6e9, max: 1.8e9 }),
      role: faker.word.noun(),
    }),
  );
  return `${header}.${payload}.${base64url(faker.number.int({ min: 30, max: 86 }))}`;
}

function privateKey(newline: string): string {
  const kind = faker.helpers.arrayElement(["RSA ", "EC ", "", "OPENSSH ", "ENCRYPTED "]);
  const body = Array.from(
    { length: faker.number.int({ min: 3, max: 12 }) },
    () => faker.string.alphanumeric(64),
  );
  return [`-----BEGIN ${kind}PRIVATE KEY-----`, ...body, `-----END ${kind}PRIVATE KEY-----`].join(
    newline,
  );
}

/** A fresh secret of `entity` and how it may be written in a line (JSON-escaped inside JSON). */
function secretValue(entity: CorpusEntity, format: CorpusLine["format"]): string {
  switch (entity) {
    case "email":
      return faker.internet.email();
    case "card":
      return faker.helpers.arrayElement([
        faker.finance.creditCardNumber(),
        faker.finance.creditCardNumber().replaceAll("-", ""),
        faker.finance.creditCardNumber().replaceAll("-", " "),
      ]);
    case "us_ssn":
      return ssn();
    case "kr_rrn":
      return rrn();
    case "phone":
      return phone();
    case "iban":
      return iban();
    case "ipv4":
      return faker.internet.ipv4();
    case "ipv6":
      return faker.internet.ipv6();
    case "jwt":
      return jwt();
    case "bearer_token":
      return base64url(faker.number.int({ min: 20, max: 64 }));
    case "aws_access_key":
      return awsKeyId();
    case "aws_secret":
      return faker.string.fromCharacters(BASE64, 40);
    case "aws_secret_key_unnamed":
      // AWS's own keys, and other 40-character base64 secrets in the same place.
      return faker.datatype.boolean(0.8)
        ? faker.string.fromCharacters(BASE64, 40)
        : faker.string.alphanumeric(40);
    case "cookie_value":
      return cookieValue();
    case "github_token":
      return faker.helpers.arrayElement(["ghp_", "gho_", "ghs_", "ghu_"]) +
        faker.string.alphanumeric(36);
    case "slack_token":
      return `${faker.helpers.arrayElement(["xoxb", "xoxp", "xoxa"])}-${digits(12)}-${digits(12)}-${
        faker.string.alphanumeric(24)
      }`;
    case "private_key":
      return privateKey(format === "json" ? "\\n" : "\n");
    case "secret_assignment":
      return faker.internet.password({ length: faker.number.int({ min: 6, max: 24 }) });
  }
}

/** The key a secret is assigned to when the line format needs one. */
function keyFor(entity: CorpusEntity): string {
  switch (entity) {
    case "aws_secret":
      return faker.helpers.arrayElement([
        "aws_secret_access_key",
        "SecretAccessKey",
        "AWS_SECRET_ACCESS_KEY",
      ]);
    case "secret_assignment":
      return faker.helpers.arrayElement([
        "password",
        "db_password",
        "client_secret",
        "apiKey",
        "x-api-key",
        "access_token",
        "refresh_token",
        "passwd",
        "PASSWORD",
        "sessionId",
      ]);
    case "bearer_token":
      return "authorization";
    default:
      return faker.helpers.arrayElement(["value", "detail", "contact", "ref", "field"]);
  }
}

function negatives(): Part[] {
  const pool: Array<() => [string, Part]> = [
    () => [
      "order_id",
      negative(
        "order_id",
        faker.helpers.arrayElement([
          `ORD-${faker.number.int({ min: 2019, max: 2026 })}-${digits(6)}`,
          digits(faker.number.int({ min: 6, max: 12 })),
          `PO${digits(8)}`,
        ]),
      ),
    ],
    () => ["request_id", negative("uuid", faker.string.uuid())],
    () => ["ts", negative("epoch_ms", String(faker.number.int({ min: 1.5e12, max: 1.99e12 })))],
    () => ["ref", negative("luhn_invalid_16", luhnInvalid16())],
    () => ["commit", negative("git_sha", hex(40))],
    () => ["sha1", negative("sha1_hex", hex(40).toUpperCase())],
    () => ["etag", negative("base64_40", faker.string.fromCharacters(BASE64, 40))],
    () => ["trace_id", negative("trace_id", hex(32))],
  ];
  return faker.helpers.arrayElements(pool, { min: 1, max: 3 }).map((make) => {
    const [key, part] = make();
    return [text(` ${key}=`), part];
  }).flat();
}

type Format = CorpusLine["format"];
/** How a line's format writes a quote inside a quoted string. */
const innerQuote = (
  format: Format,
) => (format === "json" ? '\\"' : format === "logfmt" ? "'" : '"');

/** A credential dump with an AWS secret key and no key name: beside its key id, or after words. */
function awsDumpParts(value: string, format: Format): Part[] {
  const key = secret("aws_secret_key_unnamed", value);
  const id = () => context(awsKeyId());
  const gap = faker.helpers.arrayElement([
    " ",
    ":",
    ",",
    ", ",
    " | ",
    ";",
    format === "json" ? "\\t" : "\t",
  ]);
  const q = innerQuote(format);
  const words = faker.helpers.arrayElement([
    "aws secret ",
    "aws_secret ",
    "AWS secret key ",
    "AWS_SECRET_ACCESS_KEY ",
    "aws configure set aws_secret_access_key ",
    "AWS Secret Access Key [None]: ",
    "Secret Access Key: ",
    "secret_key ",
  ]);
  return faker.helpers.arrayElement<() => Part[]>([
    () => [id(), text(gap), key],
    () => [text(`${faker.internet.username()},`), id(), text(","), key, text(",Active")],
    () => [text(q), id(), text(`${q},${q}`), key, text(q)],
    () => [key, text(gap), id()],
    () => [text(words), key],
  ])();
}

function cookieValue(): string {
  return faker.helpers.arrayElement([
    () => faker.string.alphanumeric({ length: { min: 16, max: 40 } }),
    () => hex(32),
    () => `s%3A${faker.string.alphanumeric(24)}.${faker.string.alphanumeric(20)}`,
    () => base64url(faker.number.int({ min: 20, max: 40 })),
    () => faker.string.uuid(),
  ])();
}

const COOKIE_NAMES = ["sid", "JSESSIONID", "_ga", "csrftoken", "XSRF-TOKEN", "__Host-auth"]
  .concat(["cart_id", "remember_me", "connect.sid", "session_id", "lang", "_fbp"]);

/** `Set-Cookie` attributes: what must survive masking next to the cookie. */
function cookieAttributes(): string {
  return faker.helpers.arrayElements<() => string>([
    () => `Path=${faker.helpers.arrayElement(["/", "/app", "/api/v1"])}`,
    () => `Domain=${faker.internet.domainName()}`,
    () => `Expires=${faker.date.soon({ days: 400 }).toUTCString()}`,
    () => `Max-Age=${faker.number.int({ min: 60, max: 31536000 })}`,
    () => "HttpOnly",
    () => "Secure",
    () => `SameSite=${faker.helpers.arrayElement(["Lax", "Strict", "None"])}`,
    () => "Partitioned",
    () => `Priority=${faker.helpers.arrayElement(["Low", "Medium", "High"])}`,
  ], { min: 1, max: 5 }).map((make) => make()).join("; ");
}

/** One cookie: `name=value`, the value quoted now and then (not inside logfmt quotes). */
function cookiePair(value: string, format: Format): Part[] {
  const name = text(`${faker.helpers.arrayElement(COOKIE_NAMES)}=`);
  const q = format === "logfmt" ? "" : faker.datatype.boolean(0.1) ? innerQuote(format) : "";
  return [name, text(q), secret("cookie_value", value), text(q)];
}

/** A `Cookie` header value (several cookies), or one `Set-Cookie` value with attributes. */
function cookieList(value: string, format: Format, setCookie: boolean, separator = "; "): Part[] {
  if (setCookie) return [...cookiePair(value, format), text(`; ${cookieAttributes()}`)];
  const pairs = [cookiePair(value, format)];
  for (let n = faker.number.int({ max: 3 }); n > 0; n--) {
    pairs.push(cookiePair(cookieValue(), format));
  }
  return pairs.flatMap((pair, i) => (i === 0 ? pair : [text(separator), ...pair]));
}

/** A header line ends the text line: its value runs to the end of the line. */
function cookieHeaderLine(value: string): Part[] {
  const setCookie = faker.datatype.boolean();
  const name = setCookie
    ? faker.helpers.arrayElement(["Set-Cookie", "set-cookie"])
    : faker.helpers.arrayElement(["Cookie", "cookie", "COOKIE"]);
  const list = cookieList(value, "text", setCookie);
  // A folded Set-Cookie line carries a second cookie after a comma.
  const folded = setCookie && faker.datatype.boolean(0.3)
    ? [text(", "), ...cookieList(cookieValue(), "text", true)]
    : [];
  return [text(` request headers ${name}: `), ...list, ...folded];
}

function cookieLogfmt(value: string): Part[] {
  const setCookie = faker.datatype.boolean(0.3);
  const key = setCookie
    ? faker.helpers.arrayElement(["set_cookie", "Set-Cookie"])
    : faker.helpers.arrayElement(["cookie", "http.request.headers.cookie", "req.cookies"]);
  // Unquoted, a Cookie list has no blanks.
  if (!setCookie && faker.datatype.boolean()) {
    return [text(`${key}=`), ...cookieList(value, "logfmt", false, ";")];
  }
  return [text(`${key}="`), ...cookieList(value, "logfmt", setCookie), text('"')];
}

function cookieJson(value: string): Part[] {
  return faker.helpers.arrayElement<() => Part[]>([
    () => [text('"cookie":"'), ...cookieList(value, "json", false), text('"')],
    () => [
      text('"http.request.headers":{"cookie":"'),
      ...cookieList(value, "json", false),
      text('","user-agent":"curl/8.5"}'),
    ],
    () => [
      text(`"${faker.helpers.arrayElement(["set-cookie", "Set-Cookie", "setCookie"])}":["`),
      ...cookieList(value, "json", true),
      text('","'),
      ...cookieList(cookieValue(), "json", true),
      text('"]'),
    ],
  ])();
}

const iso = () => faker.date.recent({ days: 30 }).toISOString();
const service = () =>
  faker.helpers.arrayElement(["checkout", "auth", "billing", "search", "gateway"]);
const level = () => faker.helpers.arrayElement(["INFO", "WARN", "ERROR", "DEBUG"]);

function textLine(entity: CorpusEntity, value: string): Part[] {
  const lead = text(
    `${iso()} ${level()} [${service()}] ${faker.hacker.verb()} ${faker.hacker.noun()} `,
  );
  const tail = text(` took ${faker.number.int({ max: 900 })}ms v${faker.system.semver()}`);
  if (entity === "cookie_value") return [lead, ...negatives(), ...cookieHeaderLine(value)];
  const body: Part[] = entity === "aws_secret_key_unnamed"
    ? [text("credentials "), ...awsDumpParts(value, "text")]
    : entity === "bearer_token"
    ? [
      text(faker.helpers.arrayElement(["Authorization: ", "sent header ", "token type "])),
      context("Bearer "),
      secret(entity, value),
    ]
    : entity === "secret_assignment" || entity === "aws_secret"
    ? [
      text(`${keyFor(entity)}${faker.helpers.arrayElement(["=", ": ", " = "])}`),
      secret(entity, value),
    ]
    : [
      text(faker.helpers.arrayElement(["for ", "value ", "with ", "(", "<", "'"])),
      secret(entity, value),
      text(faker.helpers.arrayElement(["", ")", ">", "'", ",", "."])),
    ];
  return [lead, ...body, ...negatives(), tail];
}

function logfmtLine(entity: CorpusEntity, value: string): Part[] {
  const quoted = value.includes(" ") || value.includes("\n");
  const head = text(
    `time=${iso()} level=${level().toLowerCase()} service=${service()} msg="${
      faker.hacker.phrase().replaceAll('"', "")
    }" `,
  );
  const key = entity === "bearer_token"
    ? [text('auth="'), context("Bearer ")]
    : [text(`${keyFor(entity)}=${quoted ? '"' : ""}`)];
  const close = entity === "bearer_token" || quoted ? '"' : "";
  const body = entity === "aws_secret_key_unnamed"
    ? [text('output="'), ...awsDumpParts(value, "logfmt"), text('"')]
    : entity === "cookie_value"
    ? cookieLogfmt(value)
    : [...key, secret(entity, value), text(close)];
  return [
    head,
    ...body,
    ...negatives(),
    text(` duration_ms=${faker.number.int({ max: 999 })}`),
  ];
}

function jsonLine(entity: CorpusEntity, value: string): Part[] {
  const key = keyFor(entity);
  const inner = entity === "aws_secret_key_unnamed"
    ? [text('"output":"'), ...awsDumpParts(value, "json"), text('"')]
    : entity === "cookie_value"
    ? cookieJson(value)
    : entity === "bearer_token"
    ? [text(`"${key}":"`), context("Bearer "), secret(entity, value), text('"')]
    : [text(`"${key}":"`), secret(entity, value), text('"')];
  const negs = negatives().map((
    part,
  ) => (part.kind === "text" ? text(part.text.replace(/ (\w+)=/, ',"$1":"')) : part));
  const closers = negs.flatMap((part) => (part.kind === "negative" ? [part, text('"')] : [part]));
  return [
    text(
      `{"@timestamp":"${iso()}","log.level":"${level().toLowerCase()}","service.name":"${service()}","message":"${
        faker.hacker.phrase().replaceAll('"', "")
      }",`,
    ),
    ...inner,
    ...closers,
    text(`,"http.response.status_code":${faker.helpers.arrayElement([200, 201, 400, 404, 500])}}`),
  ];
}

/** All corpus entity types, in report order. */
export const CORPUS_ENTITIES: readonly CorpusEntity[] = [
  "email",
  "card",
  "us_ssn",
  "kr_rrn",
  "phone",
  "iban",
  "ipv4",
  "ipv6",
  "jwt",
  "bearer_token",
  "aws_access_key",
  "aws_secret",
  "github_token",
  "slack_token",
  "private_key",
  "secret_assignment",
  "aws_secret_key_unnamed",
  "cookie_value",
];

/** `perEntity` lines per entity type, formats rotating text → logfmt → JSON. Deterministic for a seed. */
export function generateCorpus(perEntity = 1000, seed = 20261127): CorpusLine[] {
  faker.seed(seed);
  const lines: CorpusLine[] = [];
  for (const entity of CORPUS_ENTITIES) {
    for (let i = 0; i < perEntity; i++) {
      const format = (["text", "logfmt", "json"] as const)[i % 3]!;
      const value = secretValue(entity, format);
      const parts = format === "text"
        ? textLine(entity, value)
        : format === "logfmt"
        ? logfmtLine(entity, value)
        : jsonLine(entity, value);
      lines.push({ entity, format, parts });
    }
  }
  return lines;
}

/** The text of a corpus line. */
export function lineText(line: CorpusLine): string {
  return line.parts.map((part) => part.text).join("");
}

/**
 * A typical ~1 KiB ECS event as found in production logs: mostly operational
 * fields, with a secret in a minority of lines. Used for throughput figures.
 */
export function typicalLogEvent(): Record<string, unknown> {
  const withSecret = faker.number.int({ max: 9 });
  return {
    "@timestamp": iso(),
    message: withSecret === 0
      ? `password reset requested for ${faker.internet.email()}`
      : `${faker.helpers.arrayElement(["GET", "POST", "PUT"])} /api/v1/${faker.word.noun()}/${
        faker.number.int({ max: 99999 })
      } completed in ${faker.number.int({ max: 900 })}ms`,
    log: {
      level: faker.helpers.arrayElement(["info", "warn", "error", "debug"]),
      logger: "http.access",
    },
    service: { name: service(), environment: "production", version: faker.system.semver() },
    event: {
      category: "app",
      action: "http.request",
      outcome: "success",
      duration: faker.number.int({ max: 9e8 }),
    },
    trace: { id: faker.string.hexadecimal({ length: 32, casing: "lower", prefix: "" }) },
    span: { id: faker.string.hexadecimal({ length: 16, casing: "lower", prefix: "" }) },
    user: {
      id: `usr_${faker.string.alphanumeric(10)}`,
      ...(withSecret === 1 ? { email: faker.internet.email() } : {}),
    },
    source: { ip: faker.internet.ipv4() },
    http: {
      request: { method: "GET", bytes: faker.number.int({ max: 9999 }) },
      response: { status_code: 200, bytes: faker.number.int({ max: 99999 }) },
    },
    url: {
      path: `/api/v1/${faker.word.noun()}/${faker.number.int({ max: 99999 })}`,
      query: `page=${faker.number.int({ max: 50 })}&sort=desc`,
    },
    user_agent: { original: faker.internet.userAgent() },
    host: {
      name: `${service()}-${faker.string.alphanumeric(6).toLowerCase()}-${
        faker.string.alphanumeric(5).toLowerCase()
      }`,
    },
    labels: {
      region: "eu-west-1",
      team: faker.word.noun(),
      deployment: `rel-${faker.number.int({ max: 999 })}`,
    },
    attributes: {
      order_id: `ORD-2025-${digits(6)}`,
      request_id: faker.string.uuid(),
      items: faker.number.int({ max: 20 }),
      total_cents: faker.number.int({ max: 999999 }),
      currency: faker.finance.currencyCode(),
      cache: faker.helpers.arrayElement(["hit", "miss"]),
      ...(withSecret === 2 ? { card_last_used: faker.finance.creditCardNumber() } : {}),
      feature_flags: faker.helpers.arrayElements([
        "new-checkout",
        "fast-search",
        "beta-ui",
        "dark-mode",
      ], 2),
    },
  };
}

/** `count` typical events, seeded. */
export function typicalLogEvents(count: number, seed = 7): Record<string, unknown>[] {
  faker.seed(seed);
  return Array.from({ length: count }, typicalLogEvent);
}
