import { Redis } from "@upstash/redis";
import type { DependencyCheck } from "../../domain/health/mod.ts";

/** Where the shared cache tier is, and how long one call may take. */
export interface RedisSettings {
  readonly url: string;
  readonly token: string;
  /** Budget of each call; a call past it is abandoned (the cache goes on without Redis). */
  readonly timeoutMs?: number;
}

/**
 * The shared cache tier's client (Upstash REST protocol). Plain JSON results
 * (`responseEncoding: false`) work with Upstash itself and with self-hosted
 * REST fronts that do not base64-encode replies. No retries and a short
 * timeout per call: a slow or failing Redis is skipped, never waited for
 * (the cache's own breaker decides when to try it again). No MULTI: REST
 * fronts commonly lack it, so nothing here needs atomic blocks.
 */
export function createRedis(settings: RedisSettings): Redis {
  return new Redis({
    url: settings.url,
    token: settings.token,
    responseEncoding: false,
    automaticDeserialization: false,
    enableTelemetry: false,
    readYourWrites: false,
    // `retries: 0` is one attempt; `retry: false` would still make two.
    retry: { retries: 0 },
    signal: () => AbortSignal.timeout(settings.timeoutMs ?? 5_000),
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
