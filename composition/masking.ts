import type { AuditPayload } from "../domain/audit/mod.ts";
import type { LogEvent } from "../domain/logs/mod.ts";
import { createMasker, DEFAULT_SENSITIVE_KEYS, type Masker } from "../domain/masking/mod.ts";
import { maskPayload } from "../workers/mask_service.ts";
import type { WorkerPool } from "../workers/pool.ts";
import type { Config } from "../infra/config/mod.ts";

/** The masking seams every feature receives, built from one masker. */
export interface Masking {
  readonly masker: Masker;
  /** One event, inline: reads without clearance, small writes. */
  readonly maskEvent: (event: LogEvent) => LogEvent;
  /** A chunk at ingest: inline when small, in the worker pool when large. */
  readonly maskEvents: (events: readonly LogEvent[]) => Promise<readonly LogEvent[]>;
  /** Audit `changes` and `metadata` (deterministic, so retries compare equal). */
  readonly maskAuditPayload: (payload: AuditPayload) => AuditPayload;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The masker of SPEC S9 as configured (`MASK_*`); tasks that write outside
 * the service (seeding) use it so they mask exactly as ingestion does.
 */
export function createConfiguredMasker(config: Config): Masker {
  return createMasker({
    ip: config.MASK_IP_MODE,
    sensitiveKeys: [...DEFAULT_SENSITIVE_KEYS, ...config.MASK_SENSITIVE_KEYS],
    maxDepth: config.MASK_MAX_DEPTH,
    ...(config.MASK_HMAC_KEY
      ? { deterministicKey: Uint8Array.from(atob(config.MASK_HMAC_KEY), (c) => c.charCodeAt(0)) }
      : {}),
  });
}

/** The configured masker and its seams. */
export function buildMasking(config: Config, pool: WorkerPool): Masking {
  const masker = createConfiguredMasker(config);
  const maskEvent = (event: LogEvent) => masker.maskLogEvent(event) as LogEvent;
  return {
    masker,
    maskEvent,
    async maskEvents(events) {
      const json = JSON.stringify(events);
      // String length approximates the byte size well enough to pick a side.
      if (json.length < config.MASK_INLINE_MAX_BYTES) return events.map(maskEvent);
      const masked = await maskPayload(pool, masker, encoder.encode(json), {
        inlineBelowBytes: config.MASK_INLINE_MAX_BYTES,
        format: "json",
        shape: "log_events",
      });
      return JSON.parse(decoder.decode(masked)) as LogEvent[];
    },
    maskAuditPayload: (payload) => ({
      changes: payload.changes === null
        ? null
        : masker.maskValue(payload.changes) as AuditPayload["changes"],
      metadata: masker.maskValue(payload.metadata) as AuditPayload["metadata"],
    }),
  };
}
