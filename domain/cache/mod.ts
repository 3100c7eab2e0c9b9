export {
  type CacheAnswer,
  type CacheDeletion,
  type CacheOutcome,
  type CacheRequest,
  type CacheTier,
  type ResultCache,
} from "./ports.ts";
export {
  accessScope,
  bucketedNow,
  CACHE_API_VERSION,
  CACHE_FORMAT_VERSION,
  CACHE_PATTERN,
  cachePattern,
  type CacheTtls,
  DEFAULT_CACHE_TTLS,
  servesStaleOn,
  servicesLabel,
  ttlForRange,
} from "./cache_policy.ts";
export {
  historyTag,
  ingestTags,
  MAX_SEARCH_TAGS,
  searchTags,
  type WrittenEvent,
} from "./cache_tags.ts";
export {
  type CacheAdminDeps,
  type CacheDeletionReport,
  deleteCacheEntries,
} from "./delete_cache_entries.ts";
