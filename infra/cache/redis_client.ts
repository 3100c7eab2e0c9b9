import { Redis } from "@upstash/redis";
import type { DependencyCheck } from "../../domain/health/mod.ts";

/**
 * The shared cache tier's client (Upstash REST protocol). Plain JSON results
 * (`responseEncoding: false`) work with Upstash itself and with self-hosted
 * REST fronts that do not base64-encode replies.
 */
export function createRedis(options: { url: string; token: string }): Redis {
  return new Redis({
    url: options.url,
    token: options.token,
    responseEncoding: false,
    automaticDeserialization: false,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
  });
}

/** Health check: PING through the REST front. Redis is optional: the cache degrades. */
export function redisHealthCheck(redis: Redis): DependencyCheck {
  return {
    name: "cache",
    kind: "redis",
    required: false,
    async check() {
      const answer = await redis.ping();
      if (answer !== "PONG") throw new Error(`unexpected PING answer: ${String(answer)}`);
      return "PONG";
    },
  };
}
