export { createRedis, redisHealthCheck, type RedisSettings } from "./redis_client.ts";
export { createMemoryTier, type MemoryTier } from "./memory_tier.ts";
export { createRedisTier, type RedisTier } from "./redis_tier.ts";
export { createGenerations, type Generations, type GenerationWriter } from "./generations.ts";
export { createTieredCache, type TieredCache } from "./tiered_cache.ts";
