import { type AuditCaller, type AuditDeps, recordCallerEvent } from "../audit/mod.ts";
import { cachePattern } from "./cache_policy.ts";
import type { ResultCache } from "./ports.ts";

/** What the cache administration needs. */
export interface CacheAdminDeps {
  readonly cache: ResultCache;
  /** Where the deletion is recorded; it is an audited operation. */
  readonly audit: AuditDeps;
}

/** What a pattern delete removed. */
export interface CacheDeletionReport {
  readonly pattern: string;
  readonly deleted: number;
  readonly memory: number;
  readonly redis: number;
}

/**
 * Deletes the cached answers whose key matches `pattern` (the plan's
 * `invalidate_log_caches`), in this instance's memory and in Redis (with
 * SCAN, never KEYS), makes other instances drop their memory tier, and
 * records who did it and how much went as a `cache.delete` audit event.
 */
export async function deleteCacheEntries(
  deps: CacheAdminDeps,
  input: { readonly caller: AuditCaller; readonly pattern: string },
): Promise<CacheDeletionReport> {
  const pattern = cachePattern(input.pattern);
  const deleted = await deps.cache.deleteMatching(pattern);
  const report = {
    pattern,
    deleted: deleted.memory + deleted.redis,
    memory: deleted.memory,
    redis: deleted.redis,
  };
  await recordCallerEvent(deps.audit, {
    caller: input.caller,
    action: "cache.delete",
    action_type: "delete",
    resource: { type: "cache", id: pattern },
    outcome: "success",
    metadata: { pattern, deleted_memory: deleted.memory, deleted_redis: deleted.redis },
  });
  return report;
}
