import { z } from "zod";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) =>
  v === "true" || v === "1" || v === "yes"
);
const list = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
const optionalUrl = z.url().optional();
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  CORS_ORIGINS: list.default([]),
  HEALTH_TIMEOUT_MS: int(50, 30_000).default(2_000),
  SHUTDOWN_GRACE_MS: int(0, 120_000).default(10_000),
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
  return problems;
}

/** The parsed configuration. */
export type Config = z.output<typeof ConfigSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];
export { LOG_LEVELS };
