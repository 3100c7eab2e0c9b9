import { z } from "zod";

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
  MIGRATE_ON_START: bool.default(true),

  SEARCH_ENGINE: z.enum(["elasticsearch", "opensearch"]).default("elasticsearch"),
  ELASTICSEARCH_URL: optionalUrl,
  ELASTICSEARCH_USERNAME: z.string().optional(),
  ELASTICSEARCH_PASSWORD: z.string().optional(),
  ELASTICSEARCH_API_KEY: z.string().optional(),
  ELASTICSEARCH_TIMEOUT_MS: int(100, 120_000).default(10_000),

  REDIS_REST_URL: optionalUrl,
  REDIS_REST_TOKEN: z.string().optional(),

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
  LOG_INGEST_MAX_EVENTS: int(1, 100_000).default(10_000),
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
  LOG_TAIL_MAX_SECONDS: int(10, 86_400).default(3_600),
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
  AUDIT_MAX_BATCH: int(1, 10_000).default(1_000),
  /** How far in the future an event's occurred_at may be (clock skew). */
  AUDIT_FUTURE_TOLERANCE_SECONDS: int(0, 86_400).default(300),
  /** Month partitions created ahead of the current one. */
  AUDIT_PARTITIONS_AHEAD: int(1, 24).default(3),
  /** Rows per query while exporting or verifying (each query is short; nothing stays open). */
  AUDIT_READ_CHUNK_ROWS: int(100, 50_000).default(2_000),
  AUDIT_CURSOR_TTL_SECONDS: int(10, 86_400).default(900),

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
  if (env.REDIS_REST_URL && !env.REDIS_REST_TOKEN) {
    problems.push("REDIS_REST_TOKEN: required with REDIS_REST_URL");
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
