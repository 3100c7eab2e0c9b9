import { z } from "zod";
import { DEFAULT_AUDIT_MAX_BATCH } from "../../domain/audit/mod.ts";
import { DEFAULT_INGEST_MAX_EVENTS } from "../../domain/logs/mod.ts";
import { parseAlertRoutes } from "./alert_routes.ts";
import { isActionPattern, parseBusinessHours } from "../../domain/reports/mod.ts";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) =>
  v === "true" || v === "1" || v === "yes"
);
const list = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
const optionalUrl = z.url().optional();
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const timeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "HH:MM (UTC)");
const jsonObject = z.string().transform((text, ctx) => {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch { /* reported below */ }
  ctx.addIssue({ code: "custom", message: "must be a JSON object" });
  return z.NEVER;
});

/** A dotted path into a JSON object (`data_subject.id`). */
const DOTTED_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** Defaults the schema and the cross-field rule below must agree on. */
const DEFAULT_LOG_SEARCH_PAGE_SIZE = 50;
const DEFAULT_LOG_SEARCH_MAX_PAGE_SIZE = 500;

/**
 * Every setting of the service, parsed once from the environment at start-up.
 * Names are the environment variable names; defaults make the embedded mode
 * work with no settings at all.
 */
export const ConfigSchema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: int(0, 65535).default(8080),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  SERVICE_NAME: z.string().min(1).default("logging-audit-service"),
  DATA_DIR: z.string().min(1).default("./data"),

  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: int(1, 100).default(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: int(1, 120).default(10),
  DATABASE_IDLE_TIMEOUT_SECONDS: int(0, 3_600).default(60),
  DATABASE_MAX_LIFETIME_SECONDS: int(60, 86_400).default(1_800),
  /** `statement_timeout` of the statements of API requests (reads and writes). */
  DATABASE_STATEMENT_TIMEOUT_MS: int(100, 600_000).default(15_000),
  /** `statement_timeout` of migrations and upkeep (retention, partitions), on their own connection. */
  DATABASE_MAINTENANCE_TIMEOUT_MS: int(1_000, 86_400_000).default(600_000),
  /** Retries of an idempotent read whose connection failed (never of a write). */
  DATABASE_READ_RETRIES: int(0, 5).default(2),
  MIGRATE_ON_START: bool.default(true),

  SEARCH_ENGINE: z.enum(["elasticsearch", "opensearch"]).default("elasticsearch"),
  ELASTICSEARCH_URL: optionalUrl,
  ELASTICSEARCH_USERNAME: z.string().optional(),
  ELASTICSEARCH_PASSWORD: z.string().optional(),
  ELASTICSEARCH_API_KEY: z.string().optional(),
  ELASTICSEARCH_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /** A read-only cluster (replica) searches go to while the primary is unavailable. */
  ELASTICSEARCH_FALLBACK_URL: optionalUrl,
  ELASTICSEARCH_FALLBACK_USERNAME: z.string().optional(),
  ELASTICSEARCH_FALLBACK_PASSWORD: z.string().optional(),
  ELASTICSEARCH_FALLBACK_API_KEY: z.string().optional(),
  /** The whole budget of one API request's engine work, retries and fallback included. */
  ELASTICSEARCH_DEADLINE_MS: int(100, 300_000).default(15_000),
  /** Retries of a retryable failure (connection, timeout, 429, 502, 503, 504); 0 disables. */
  ELASTICSEARCH_RETRIES: int(0, 10).default(2),
  /** Backoff with full jitter: a random delay up to base × 2^attempt, capped at the maximum. */
  ELASTICSEARCH_RETRY_BASE_MS: int(1, 60_000).default(100),
  ELASTICSEARCH_RETRY_MAX_MS: int(1, 60_000).default(2_000),
  /** Consecutive failures that open a cluster's circuit breaker. */
  ELASTICSEARCH_BREAKER_FAILURES: int(1, 1_000).default(5),
  /** How long an open breaker waits before letting one probe through (half-open). */
  ELASTICSEARCH_BREAKER_HALF_OPEN_MS: int(100, 600_000).default(10_000),
  /** Engine searches in progress at once per instance (bulkhead) … */
  SEARCH_MAX_CONCURRENT: int(1, 10_000).default(32),
  /** … and waiting for a slot; one more is refused with 503 `OVERLOADED`. */
  SEARCH_MAX_QUEUED: int(0, 100_000).default(64),

  REDIS_REST_URL: optionalUrl,
  REDIS_REST_TOKEN: z.string().optional(),
  /** Budget of one cache call to Redis: a slow Redis is skipped, never waited for. */
  REDIS_TIMEOUT_MS: int(5, 10_000).default(50),
  /** Budget of one call of the admin pattern delete (SCAN and UNLINK). */
  REDIS_ADMIN_TIMEOUT_MS: int(100, 120_000).default(5_000),
  /** Consecutive Redis failures that open its breaker (Redis is then skipped) … */
  REDIS_BREAKER_FAILURES: int(1, 1_000).default(5),
  /** … for this long, before one call probes it again. */
  REDIS_BREAKER_HALF_OPEN_MS: int(100, 600_000).default(5_000),

  // Query cache (SPEC S10): memory → Redis → store.
  CACHE_ENABLED: bool.default(true),
  /** Prefix of every cache key in Redis (several deployments may share one Redis). */
  CACHE_KEY_PREFIX: z.string().regex(/^[a-z0-9_-]{1,32}:$/, "lowercase, ending in ':'")
    .default("las:"),
  CACHE_MEMORY_MAX_ENTRIES: int(0, 1_000_000).default(5_000),
  CACHE_MEMORY_MAX_BYTES: int(0, 4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Larger answers are not cached. */
  CACHE_MAX_ENTRY_BYTES: int(1_024, 64 * 1024 * 1024).default(1024 * 1024),
  /** A range ending this close to now is fresh: it gets the short TTL. */
  CACHE_FRESHNESS_SECONDS: int(0, 86_400).default(60),
  CACHE_FRESH_TTL_SECONDS: int(1, 3_600).default(5),
  /** TTL of a range wholly older than the freshness window. */
  CACHE_SETTLED_TTL_SECONDS: int(1, 86_400).default(300),
  CACHE_FREQUENT_TTL_SECONDS: int(1, 86_400).default(300),
  /** How long past its TTL an entry may still answer while the store fails (RFC 5861). */
  CACHE_STALE_IF_ERROR_SECONDS: int(0, 86_400).default(300),
  /** How often an instance re-reads the invalidation generations other instances may have moved. */
  CACHE_GENERATION_SYNC_MS: int(0, 60_000).default(1_000),
  /** Invalidations with more tags than this are written by the worker pool. */
  CACHE_INVALIDATION_INLINE_MAX_TAGS: int(0, 1_000_000).default(64),

  JWT_JWKS_URL: optionalUrl,
  JWT_PUBLIC_KEY: z.string().optional(),
  JWT_HS256_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_ISSUER: z.string().min(1).default("logging-audit-dev"),
  JWT_AUDIENCE: z.string().min(1).default("logging-audit-service"),
  JWT_ALGORITHMS: list.pipe(z.array(z.enum(["RS256", "ES256", "EdDSA", "HS256"])).min(1))
    .default(["RS256", "ES256", "EdDSA"]),
  JWT_CLOCK_SKEW_SECONDS: int(0, 300).default(30),
  JWT_ROLES_CLAIM: z.string().min(1).default("roles"),
  JWT_SERVICES_CLAIM: z.string().min(1).default("services"),

  BODY_LIMIT_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  HTTP_MAX_URL_BYTES: int(1024, 60 * 1024).default(16 * 1024),
  HTTP_MAX_HEADER_BYTES: int(4096, 60 * 1024).default(32 * 1024),
  CORS_ORIGINS: list.default([]),
  HEALTH_TIMEOUT_MS: int(50, 30_000).default(2_000),
  SHUTDOWN_GRACE_MS: int(0, 120_000).default(10_000),
  SHUTDOWN_QUIET_MS: int(0, 30_000).default(500),

  // Sensitive-data masking (SPEC S9) and the worker pool (SPEC S11).
  MASK_IP_MODE: z.enum(["off", "last_octet", "full"]).default("last_octet"),
  /** Extra key names whose values are always masked, added to the built-in list. */
  MASK_SENSITIVE_KEYS: list.default([]),
  /** Base64 key (≥ 16 bytes) turning on deterministic masking: keyed HMAC tokens. */
  MASK_HMAC_KEY: z.string().regex(/^[A-Za-z0-9+/]{22,}={0,2}$/, "base64 of at least 16 bytes")
    .optional(),
  MASK_MAX_DEPTH: int(1, 256).default(32),
  /** Payloads at least this large are masked in the worker pool, smaller ones inline. */
  MASK_INLINE_MAX_BYTES: int(0, 64 * 1024 * 1024).default(16 * 1024),
  /** Worker threads; unset = CPU cores − 1, at least 1. */
  WORKER_POOL_SIZE: int(1, 64).optional(),
  WORKER_TASK_TIMEOUT_MS: int(100, 600_000).default(30_000),
  WORKER_QUEUE_MAX: int(1, 100_000).default(64),

  // Log store and search (SPEC S5.1, S6 Logs, S8 bounds).
  LOG_NAMESPACE: z.string().regex(/^[a-z0-9][a-z0-9_]{0,63}$/, "lowercase letters, digits, _")
    .default("default"),
  LOG_INGEST_MAX_BYTES: int(1024, 256 * 1024 * 1024).default(10 * 1024 * 1024),
  LOG_INGEST_MAX_EVENTS: int(1, 100_000).default(DEFAULT_INGEST_MAX_EVENTS),
  LOG_SEARCH_DEFAULT_PAGE_SIZE: int(1, 10_000).default(DEFAULT_LOG_SEARCH_PAGE_SIZE),
  LOG_SEARCH_MAX_PAGE_SIZE: int(1, 10_000).default(DEFAULT_LOG_SEARCH_MAX_PAGE_SIZE),
  LOG_SEARCH_DEFAULT_RANGE_MINUTES: int(1, 525_600).default(15),
  LOG_SEARCH_MAX_RANGE_DAYS: int(1, 400).default(31),
  LOG_SEARCH_TOTAL_BOUND: int(1, 1_000_000).default(10_000),
  LOG_CURSOR_TTL_SECONDS: int(10, 86_400).default(300),
  CURSOR_SIGNING_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_TAIL_POLL_MS: int(50, 60_000).default(1_000),
  LOG_TAIL_MAX_PER_CALLER: int(1, 100).default(3),
  LOG_TAIL_MAX_PER_INSTANCE: int(1, 10_000).default(200),
  LOG_TAIL_MAX_SECONDS: int(1, 86_400).default(3_600),
  LOG_TAIL_LAG_MS: int(0, 120_000).optional(),

  // Audit trail (SPEC S5.2, S6 Audit).
  /** Ed25519 private key signing checkpoints: a JWK (JSON) or PKCS#8 PEM. Required in
   * production (start-up fails without it); elsewhere one is generated under DATA_DIR. */
  AUDIT_SIGNING_KEY: z.string().optional(),
  /** JSON array of older Ed25519 public JWKs, still trusted for checkpoints they signed. */
  AUDIT_PREVIOUS_PUBLIC_KEYS: z.string().optional(),
  /** Seconds between periodic checkpoints (skipped while the head has not moved); 0 disables. */
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: int(0, 7 * 86_400).default(3_600),
  /** Days audit events are kept; whole months older than this are dropped (≈ 7 years). */
  AUDIT_RETENTION_DAYS: int(1, 36_500).default(2_557),
  /** Most events in one POST /api/v1/audit/events request. */
  AUDIT_MAX_BATCH: int(1, 10_000).default(DEFAULT_AUDIT_MAX_BATCH),
  /** How far in the future an event's occurred_at may be (clock skew). */
  AUDIT_FUTURE_TOLERANCE_SECONDS: int(0, 86_400).default(300),
  /** Month partitions created ahead of the current one. */
  AUDIT_PARTITIONS_AHEAD: int(1, 24).default(3),
  /** Rows per query while exporting or verifying (each query is short; nothing stays open). */
  AUDIT_READ_CHUNK_ROWS: int(100, 50_000).default(2_000),
  AUDIT_CURSOR_TTL_SECONDS: int(10, 86_400).default(900),

  // Alerting (SPEC S12).
  /** JSON routing table; unset = critical → PagerDuty + Slack, high → Slack + email, medium → email. */
  ALERT_ROUTES: z.string().optional(),
  /** Base URL of the service as people reach it, for links in notifications. */
  ALERT_PUBLIC_URL: z.url().default("http://localhost:8080"),
  ALERT_SLACK_WEBHOOK_URL: optionalUrl,
  ALERT_EMAIL_SMTP_HOST: z.string().min(1).optional(),
  ALERT_EMAIL_SMTP_PORT: int(1, 65535).default(587),
  /** starttls: upgrade required; implicit: TLS from the first byte (465); none: plain (loopback relays). */
  ALERT_EMAIL_TLS: z.enum(["starttls", "implicit", "none"]).default("starttls"),
  ALERT_EMAIL_SMTP_USER: z.string().optional(),
  ALERT_EMAIL_SMTP_PASSWORD: z.string().optional(),
  ALERT_EMAIL_FROM: z.string().min(3).default("alerts@logging-audit.local"),
  ALERT_EMAIL_TO: list.default([]),
  ALERT_PAGERDUTY_ROUTING_KEY: z.string().min(1).optional(),
  ALERT_PAGERDUTY_URL: z.url().default("https://events.pagerduty.com"),
  ALERT_WEBHOOK_URL: optionalUrl,
  /** HMAC-SHA256 key of the webhook's X-Alert-Signature header. */
  ALERT_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ALERT_ALERTMANAGER_URL: optionalUrl,
  /** One delivery attempt may take at most this long. */
  ALERT_CHANNEL_TIMEOUT_MS: int(100, 120_000).default(5_000),
  /** Retries after the first attempt, on retryable failures only. */
  ALERT_CHANNEL_RETRIES: int(0, 10).default(3),
  ALERT_RETRY_MIN_DELAY_MS: int(1, 60_000).default(500),
  ALERT_RETRY_MAX_DELAY_MS: int(1, 600_000).default(10_000),
  /** How often the outbox is drained, and how long a claimed row is held before another may take it. */
  ALERT_OUTBOX_POLL_MS: int(50, 60_000).default(1_000),
  ALERT_OUTBOX_LEASE_MS: int(1_000, 3_600_000).default(120_000),
  ALERT_RULES_ENABLED: bool.default(true),
  /** How often the leader looks for due rules. */
  ALERT_RULES_TICK_MS: int(100, 60_000).default(1_000),
  ALERT_RULE_MIN_INTERVAL_MS: int(1_000, 3_600_000).default(10_000),
  ALERT_RULE_MAX_WINDOW_MS: int(1_000, 86_400_000).default(86_400_000),
  ALERT_RULE_TIMEOUT_MS: int(100, 600_000).default(30_000),
  ALERT_RULE_MAX_GROUPS: int(1, 10_000).default(100),
  ALERT_RULE_SAMPLE_LINES: int(0, 50).default(5),
  ALERT_RULE_CONCURRENCY: int(1, 64).default(4),
  /** A circuit breaker open longer than this raises the service's own alert. */
  ALERT_BREAKER_OPEN_SECONDS: int(1, 86_400).default(60),
  // Reports (SPEC S6 reports, S11 workers).
  /** Above this many audit rows in range a report is made as a job (202 + Location). */
  REPORT_DIRECT_MAX_ROWS: int(0, 100_000_000).default(100_000),
  /** Audit rows per query and per worker task while a report is built. */
  REPORT_CHUNK_ROWS: int(100, 100_000).default(10_000),
  /** Widest from–to range of a report. */
  REPORT_MAX_RANGE_DAYS: int(1, 36_500).default(2_557),
  /** How long a finished report job's file is kept. */
  REPORT_JOB_TTL_SECONDS: int(60, 90 * 86_400).default(7 * 86_400),
  /** A running job whose instance has not reported for this long is taken over. */
  REPORT_JOB_STALE_SECONDS: int(1, 3_600).default(60),
  /** How often each instance looks for queued report jobs. */
  REPORT_JOB_POLL_SECONDS: int(1, 3_600).default(5),
  /** Lines in each "top" table of a report. */
  REPORT_TOP_N: int(1, 1_000).default(20),
  /** Most distinct keys (actors, actor-days, …) one report table keeps; beyond: "(other)". */
  REPORT_MAX_GROUPS: int(100, 10_000_000).default(50_000),
  /** Business hours of the security report, e.g. `Mon-Fri 08:00-18:00; Sat 09:00-12:00`. */
  REPORT_BUSINESS_HOURS: z.string().min(1).default("Mon-Fri 08:00-18:00"),
  /** IANA time zone of the business hours. */
  REPORT_TIME_ZONE: z.string().min(1).default("UTC"),
  /** Administrative actions (`admin.*` style patterns) of the security report. */
  REPORT_ADMIN_ACTIONS: list.pipe(z.array(
    z.string().refine(isActionPattern, {
      message: "an action such as user.create or a prefix such as admin.*",
    }),
  )).default(["admin.*"]),
  /** Administrative action types of the security report. */
  REPORT_ADMIN_ACTION_TYPES: list.default(["permission_change", "config_change"]),
  /** Audit resource types holding personal data (privacy report). */
  REPORT_PERSONAL_DATA_RESOURCES: list.default([
    "user",
    "customer",
    "person",
    "profile",
    "patient",
    "employee",
  ]),
  /** A day with more than this many times an actor's median reads is unusual. */
  REPORT_UNUSUAL_FACTOR: z.coerce.number().min(1).max(1_000).default(3),
  /** …when it also has at least this many reads. */
  REPORT_UNUSUAL_MIN_READS: int(1, 1_000_000).default(20),
  /** JSON file replacing the PCI DSS 10.2.1 mapping (array of rules; see the README). */
  REPORT_PCI_MAPPING: z.string().min(1).optional(),
  /** Metadata path (dotted) of an access's stated purpose. */
  REPORT_PURPOSE_PATH: z.string().regex(DOTTED_PATH, "a dotted path").default("purpose"),
  /** Metadata path (dotted) of the number of rows an export carried. */
  REPORT_ROWS_PATH: z.string().regex(DOTTED_PATH, "a dotted path").default("rows"),
  /** JSON file of the record of processing activities (GDPR Art. 30), checked at start-up. */
  GDPR_PROCESSING_REGISTER: z.string().min(1).optional(),
  /** Metadata paths (dotted, comma-separated) that may name a data subject. */
  GDPR_SUBJECT_PATHS: list.pipe(z.array(z.string().regex(DOTTED_PATH, "a dotted path")))
    .default(["subject_id", "data_subject.id", "target_user_id"]),
  /** Data subjects may ask for their own GDPR report. */
  GDPR_SELF_SERVICE: bool.default(false),

  // Search-engine snapshots and their daily verification (SPEC S14).
  /** Snapshot repository name; unset = snapshots are not managed or verified. */
  SNAPSHOT_REPOSITORY: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, "lowercase name")
    .optional(),
  /** Repository type `setup-es` registers; unset = the repository is registered elsewhere. */
  SNAPSHOT_REPOSITORY_TYPE: z.enum(["fs", "s3", "gcs", "azure", "url"]).optional(),
  /** JSON object of repository settings, e.g. {"bucket":"b","base_path":"logs"}. */
  SNAPSHOT_REPOSITORY_SETTINGS: jsonObject.optional(),
  /** Who takes snapshots: the engine (SLM / ISM snapshot management), the service, or nobody. */
  SNAPSHOT_SCHEDULE: z.enum(["auto", "engine", "service", "off"]).default("auto"),
  /** First snapshot of the day (UTC), then every SNAPSHOT_EVERY_HOURS. */
  SNAPSHOT_TIME_UTC: timeOfDay.default("01:30"),
  SNAPSHOT_EVERY_HOURS: z.coerce.number().int().refine((h) =>
    [1, 2, 3, 4, 6, 8, 12, 24]
      .includes(h), "one of 1, 2, 3, 4, 6, 8, 12, 24").default(24),
  /** Index patterns in each snapshot. */
  SNAPSHOT_INDICES: list.default(["logs-*"]),
  SNAPSHOT_RETENTION_DAYS: int(1, 3_650).default(30),
  SNAPSHOT_MIN_COUNT: int(1, 1_000).default(5),
  SNAPSHOT_MAX_COUNT: int(1, 10_000).default(100),
  /** The newest snapshot must be younger than this. */
  BACKUP_MAX_AGE_HOURS: int(1, 24 * 31).default(26),
  /** Daily verification time (UTC) in the service, or `off`. */
  BACKUP_VERIFY_TIME_UTC: z.union([timeOfDay, z.literal("off")]).default("04:00"),
  /** Also restore one index under a scratch name and compare document counts. */
  BACKUP_VERIFY_RESTORE: bool.default(false),

  // The user service that names the ids in audit trails and reports.
  /** URL template with `{id}`, e.g. https://users.internal/v1/users/{id}; unset = ids only. */
  USER_SERVICE_URL: z.url().refine((v) => v.includes("%7Bid%7D") || v.includes("{id}"), {
    message: "must contain {id}",
  }).optional(),
  USER_SERVICE_TOKEN: z.string().optional(),
  USER_SERVICE_TIMEOUT_MS: int(50, 30_000).default(1_500),
  USER_SERVICE_RETRIES: int(0, 5).default(2),
  USER_SERVICE_CACHE_TTL_SECONDS: int(0, 86_400).default(300),
  USER_SERVICE_CACHE_MAX_ENTRIES: int(1, 1_000_000).default(10_000),
  USER_SERVICE_BREAKER_FAILURES: int(1, 1_000).default(5),
  USER_SERVICE_BREAKER_COOLDOWN_MS: int(100, 600_000).default(30_000),
}).superRefine((config, context) => {
  try {
    parseBusinessHours(config.REPORT_BUSINESS_HOURS, config.REPORT_TIME_ZONE);
  } catch (error) {
    context.addIssue({
      code: "custom",
      path: ["REPORT_BUSINESS_HOURS"],
      message: (error as Error).message,
    });
  }
});

/**
 * Rules between settings. They read the raw strings, so they are reported
 * together with the per-setting problems instead of after them.
 */
export function crossFieldProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  const keySources = ["JWT_JWKS_URL", "JWT_PUBLIC_KEY", "JWT_HS256_SECRET"].filter((k) => env[k]);
  const algorithms = (env.JWT_ALGORITHMS ?? "").split(",").map((a) => a.trim());
  if (keySources.length > 1) {
    problems.push("JWT_JWKS_URL: set only one of JWT_JWKS_URL, JWT_PUBLIC_KEY, JWT_HS256_SECRET");
  }
  if (env.APP_ENV === "production" && keySources.length === 0) {
    problems.push(
      "JWT_JWKS_URL: production needs JWT_JWKS_URL, JWT_PUBLIC_KEY or JWT_HS256_SECRET",
    );
  }
  if (env.JWT_HS256_SECRET && !algorithms.includes("HS256")) {
    problems.push(
      "JWT_ALGORITHMS: JWT_HS256_SECRET is set: add HS256 to JWT_ALGORITHMS explicitly",
    );
  }
  if (!env.JWT_HS256_SECRET && algorithms.includes("HS256")) {
    problems.push("JWT_ALGORITHMS: HS256 is only allowed together with JWT_HS256_SECRET");
  }
  if (env.ELASTICSEARCH_FALLBACK_URL && !env.ELASTICSEARCH_URL) {
    problems.push("ELASTICSEARCH_FALLBACK_URL: needs ELASTICSEARCH_URL (the primary cluster)");
  }
  if (env.REDIS_REST_URL && !env.REDIS_REST_TOKEN) {
    problems.push("REDIS_REST_TOKEN: required with REDIS_REST_URL");
  }
  if (env.ALERT_ROUTES) problems.push(...parseAlertRoutes(env.ALERT_ROUTES, env).problems);
  if (env.ALERT_WEBHOOK_URL && !env.ALERT_WEBHOOK_SECRET) {
    problems.push("ALERT_WEBHOOK_SECRET: required with ALERT_WEBHOOK_URL (deliveries are signed)");
  }
  if (env.ALERT_EMAIL_SMTP_HOST && !env.ALERT_EMAIL_TO) {
    problems.push("ALERT_EMAIL_TO: required with ALERT_EMAIL_SMTP_HOST");
  }
  if (env.SNAPSHOT_REPOSITORY_TYPE && !env.SNAPSHOT_REPOSITORY) {
    problems.push("SNAPSHOT_REPOSITORY: required with SNAPSHOT_REPOSITORY_TYPE");
  }
  if (Number(env.SNAPSHOT_MIN_COUNT ?? 5) > Number(env.SNAPSHOT_MAX_COUNT ?? 100)) {
    problems.push("SNAPSHOT_MIN_COUNT: must not exceed SNAPSHOT_MAX_COUNT");
  }
  const maxPage = Number(env.LOG_SEARCH_MAX_PAGE_SIZE ?? DEFAULT_LOG_SEARCH_MAX_PAGE_SIZE);
  if (Number(env.LOG_SEARCH_DEFAULT_PAGE_SIZE ?? DEFAULT_LOG_SEARCH_PAGE_SIZE) > maxPage) {
    problems.push("LOG_SEARCH_DEFAULT_PAGE_SIZE: must not exceed LOG_SEARCH_MAX_PAGE_SIZE");
  }
  return problems;
}

/** The parsed configuration. */
export type Config = z.output<typeof ConfigSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];
export { LOG_LEVELS };
