/**
 * The `write_cache_generations` task (SPEC S11, cache invalidation): an
 * ingest that touched many (service, category, day) tags hands their new
 * generation tokens to a worker, which writes them to Redis in pipelined
 * chunks while the request thread goes on serving.
 */
import { Redis } from "@upstash/redis";
import type { WriteGenerationsInput, WriteGenerationsOutput } from "./protocol.ts";

const CHUNK = 500;
const clients = new Map<string, Redis>();

function clientFor(settings: WriteGenerationsInput["redis"]): Redis {
  const id = `${settings.url}\n${settings.token}\n${settings.timeoutMs}`;
  let redis = clients.get(id);
  if (!redis) {
    if (clients.size >= 4) clients.clear();
    // Same protocol settings as the service's own client (plain JSON, no retries).
    redis = new Redis({
      url: settings.url,
      token: settings.token,
      responseEncoding: false,
      automaticDeserialization: false,
      enableTelemetry: false,
      readYourWrites: false,
      retry: { retries: 0 },
      signal: () => AbortSignal.timeout(settings.timeoutMs),
    });
    clients.set(id, redis);
  }
  return redis;
}

/** Writes every (key, token) pair with the given time to live; throws when Redis fails. */
export async function writeCacheGenerations(
  input: WriteGenerationsInput,
): Promise<WriteGenerationsOutput> {
  const redis = clientFor(input.redis);
  let written = 0;
  for (let start = 0; start < input.pairs.length; start += CHUNK) {
    const pipeline = redis.pipeline();
    for (const [key, token] of input.pairs.slice(start, start + CHUNK)) {
      pipeline.set(key, token, { px: input.ttlMs });
    }
    written += (await pipeline.exec()).length;
  }
  return { written };
}
