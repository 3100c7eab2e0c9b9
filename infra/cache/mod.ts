export { createRedis, redisHealthCheck } from "./redis_client.ts";
