import { LRUCache } from "lru-cache";

/** One answer held in memory, as it was computed (no parse on a hit). */
export interface MemoryEntry {
  readonly value: unknown;
  /** When it was computed (epoch ms). */
  readonly storedAt: number;
  /** Until when it is fresh (epoch ms); kept beyond that only to answer stale. */
  readonly freshUntil: number;
  /** Size charged against the byte bound: the length of its JSON text. */
  readonly bytes: number;
  /** The deployment-wide flush token it was stored under (see `generations.ts`). */
  readonly flushToken: string;
}

/** Bounds of the memory tier. */
export interface MemoryTierOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/**
 * The in-process tier: an LRU bounded by entries and by bytes, each entry
 * with its own time to live (the well-kept `lru-cache`). Entries outlive
 * their freshness by the stale-if-error window; the tiered cache decides
 * whether one may answer.
 */
export function createMemoryTier(options: MemoryTierOptions) {
  const enabled = options.maxEntries > 0 && options.maxBytes > 0;
  const lru = new LRUCache<string, MemoryEntry>({
    max: Math.max(1, options.maxEntries),
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (entry) => Math.max(1, entry.bytes),
    ttlAutopurge: false,
  });
  return {
    get(key: string): MemoryEntry | undefined {
      return enabled ? lru.get(key) : undefined;
    },
    set(key: string, entry: MemoryEntry, keepMs: number): void {
      if (!enabled || entry.bytes > options.maxBytes) return;
      lru.set(key, entry, { ttl: Math.max(1, keepMs) });
    },
    /** Deletes the keys `matches` accepts; returns how many. */
    deleteWhere(matches: (key: string) => boolean): number {
      let deleted = 0;
      for (const key of [...lru.keys()]) {
        if (matches(key) && lru.delete(key)) deleted++;
      }
      return deleted;
    },
    /** Entries and bytes held now (the `cache_entries` and `cache_bytes` gauges). */
    stats(): { entries: number; bytes: number } {
      return { entries: lru.size, bytes: lru.calculatedSize };
    },
  };
}

export type MemoryTier = ReturnType<typeof createMemoryTier>;
