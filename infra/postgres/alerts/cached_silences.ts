/**
 * Active silences read once per short period instead of once per alert: a
 * burst of alerts costs one query. Changes made through this instance are
 * seen at once; another instance's within `ttlMs`.
 * @module
 */
import type { Silence, SilenceStore } from "../../../domain/alerts/mod.ts";

export function cachedActiveSilences(store: SilenceStore, ttlMs: number): SilenceStore {
  let cached: { at: number; silences: Promise<Silence[]> } | undefined;
  return {
    ...store,
    active(now) {
      const t = Date.now();
      if (!cached || t - cached.at >= ttlMs) {
        // Everything that may be active now or until the cache expires.
        const silences = store.active(now);
        cached = { at: t, silences };
        silences.catch(() => (cached = undefined));
      }
      return cached.silences.then((all) =>
        all.filter((s) => s.startsAt <= now && now < s.endsAt && !s.expiredAt)
      );
    },
    async create(silence) {
      const created = await store.create(silence);
      cached = undefined;
      return created;
    },
    async expire(id, at) {
      const expired = await store.expire(id, at);
      cached = undefined;
      return expired;
    },
  };
}
