/**
 * What the query cache keeps and for how long: freshness TTLs the way
 * query-frontends (Thanos, Mimir) do it — the newest minute changes, older
 * data does not — the caller's access scope as part of every key, and which
 * failures may be answered from a stale entry (RFC 5861 stale-if-error).
 * @module
 */
import { can, type Principal, readableServices } from "../access/mod.ts";
import { AppError, isAppError } from "../errors/mod.ts";

/** Bumped whenever the shape of a cached value changes: older entries are then ignored. */
export const CACHE_FORMAT_VERSION = 1;

/** The API version answers are cached for (part of every key). */
export const CACHE_API_VERSION = "v1";

/** Freshness settings, from configuration. */
export interface CacheTtls {
  /** A range ending within this of now is still changing. */
  readonly freshnessWindowMs: number;
  /** TTL of a still-changing range (and of every "recent" answer). */
  readonly freshMs: number;
  /** TTL of a range wholly older than the freshness window. */
  readonly settledMs: number;
  /** TTL of a caller's frequent searches. */
  readonly frequentMs: number;
}

/** The defaults of SPEC S10 / the configuration schema. */
export const DEFAULT_CACHE_TTLS: CacheTtls = {
  freshnessWindowMs: 60_000,
  freshMs: 5_000,
  settledMs: 300_000,
  frequentMs: 300_000,
};

/** The TTL of an answer over a range ending at `to`. */
export function ttlForRange(to: Date, now: Date, ttls: CacheTtls): number {
  return to.getTime() > now.getTime() - ttls.freshnessWindowMs ? ttls.freshMs : ttls.settledMs;
}

/**
 * "Now" rounded up to the short TTL, for ranges relative to now: "the last
 * 15 minutes" asked twice a second apart resolves to the same absolute range
 * and so shares an entry; the range still reaches the present.
 */
export function bucketedNow(now: Date, ttls: CacheTtls): Date {
  const step = Math.max(1, ttls.freshMs);
  return new Date(Math.ceil(now.getTime() / step) * step);
}

/**
 * Whatever changes what a caller may see: roles, the services their token
 * allows, and whether they read masked or clear. Part of every key, so
 * callers with different scopes never share an entry.
 */
export function accessScope(principal: Principal) {
  const services = readableServices(principal);
  return {
    roles: [...principal.roles].sort(),
    services: services === "all" ? "all" : [...new Set(services)].sort(),
    clear: can(principal, "logs:read:unmasked"),
  };
}

/**
 * Failures a stale entry may answer for: the store (or its breaker, bulkhead
 * or deadline) is unavailable. Never a 4xx: a bad request stays an error.
 */
export function servesStaleOn(error: unknown): boolean {
  return isAppError(error) && error.status === 503;
}

/** The readable key segment of a set of services. */
export function servicesLabel(services: readonly string[] | undefined): string {
  if (!services) return "all";
  if (services.length === 0) return "none";
  const label = [...services].sort().join("+");
  return label.length <= 64 ? label : "many";
}

/** A pattern of the admin delete, as the API states it. */
export const CACHE_PATTERN = /^[A-Za-z0-9._:+*-]{1,200}$/;

/**
 * Validates a pattern of the admin delete: key characters and `*` (any run
 * of characters) only, so it means the same in Redis `SCAN MATCH` and in the
 * memory tier.
 */
export function cachePattern(pattern: string): string {
  if (!CACHE_PATTERN.test(pattern)) {
    throw new AppError("CACHE_PATTERN_INVALID", {
      detail: "a pattern is 1 to 200 of A-Z a-z 0-9 . _ : + - and * (any characters), " +
        "e.g. `search:*` or `recent:checkout:*`",
    });
  }
  return pattern;
}
