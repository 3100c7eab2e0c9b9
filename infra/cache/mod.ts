export { createRedis, redisHealthCheck, type RedisSettings } from "./redis_client.ts";
export { createMemoryTier, type MemoryTier } from "./memory_tier.ts";
export { createRedisTier, type RedisTier, scanAndUnlink } from "./redis_tier.ts";
export {
  createGenerations,
  FLUSH_TAG,
  type Generations,
  type GenerationWriter,
} from "./generations.ts";
export { type CacheEvents, createTieredCache, type TieredCache } from "./tiered_cache.ts";
export { cacheKey, patternMatcher } from "./cache_key.ts";
