/**
 * The part of the HTTP layer's dependencies every entry point shares (limits,
 * CORS, version, health), from configuration; the service, the document
 * build, the test support and the benchmarks all start from it and add or
 * replace what they need.
 * @module
 */
import type { Config } from "../infra/config/mod.ts";
import type { AppDeps } from "../routes/app/create_app.ts";
import { SERVICE_VERSION } from "./version.ts";

/** What the caller decides; everything else comes from `config`. */
export interface AppDepsParts {
  readonly logger: AppDeps["logger"];
  readonly metrics: AppDeps["metrics"];
  readonly verifyToken: AppDeps["verifyToken"];
  readonly checks?: AppDeps["health"]["checks"];
  readonly mode?: AppDeps["health"]["mode"];
  readonly accepting?: () => boolean;
  readonly breakers?: AppDeps["health"]["breakers"];
}

/** The shared dependencies; features (`logs`, `audit`, `searches`) are added by the caller. */
export function baseAppDeps(config: Config, parts: AppDepsParts): AppDeps {
  return {
    logger: parts.logger,
    metrics: parts.metrics,
    verifyToken: parts.verifyToken,
    health: {
      checks: parts.checks ?? [],
      timeoutMs: config.HEALTH_TIMEOUT_MS,
      mode: parts.mode ?? "embedded",
      version: SERVICE_VERSION,
      startedAt: Date.now(),
      accepting: parts.accepting ?? (() => true),
      ...(parts.breakers ? { breakers: parts.breakers } : {}),
    },
    version: SERVICE_VERSION,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    requestSize: {
      maxUrlBytes: config.HTTP_MAX_URL_BYTES,
      maxHeaderBytes: config.HTTP_MAX_HEADER_BYTES,
    },
    corsOrigins: config.CORS_ORIGINS,
  };
}
