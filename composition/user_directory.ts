/**
 * The user service client from the `USER_SERVICE_*` settings, with its
 * metrics, or nothing when no user service is configured (answers then carry
 * ids only, marked `disabled`).
 * @module
 */
import type { UserDirectory } from "../domain/users/mod.ts";
import type { Config } from "../infra/config/mod.ts";
import type { Metrics } from "../infra/metrics/mod.ts";
import { registerUserServiceMetrics } from "../infra/metrics/user_service_metrics.ts";
import { createUserServiceClient } from "../infra/users/user_service_client.ts";

/** The configured user directory, to be disposed of at shutdown. */
export function buildUserDirectory(
  config: Config,
  metrics: Pick<Metrics, "registry">,
): (UserDirectory & Disposable) | undefined {
  if (!config.USER_SERVICE_URL) return undefined;
  return createUserServiceClient({
    urlTemplate: config.USER_SERVICE_URL,
    ...(config.USER_SERVICE_TOKEN ? { token: config.USER_SERVICE_TOKEN } : {}),
    timeoutMs: config.USER_SERVICE_TIMEOUT_MS,
    retries: config.USER_SERVICE_RETRIES,
    cacheTtlMs: config.USER_SERVICE_CACHE_TTL_SECONDS * 1000,
    cacheMaxEntries: config.USER_SERVICE_CACHE_MAX_ENTRIES,
    breakerFailures: config.USER_SERVICE_BREAKER_FAILURES,
    breakerCooldownMs: config.USER_SERVICE_BREAKER_COOLDOWN_MS,
    ...registerUserServiceMetrics(metrics.registry),
  });
}
