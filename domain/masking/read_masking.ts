import type { Masker } from "./masker.ts";

/** Who is reading, as far as masking cares. */
export interface ReaderClearance {
  /** True only for roles allowed to see unmasked sensitive data. */
  readonly clearance: boolean;
}

/**
 * Read-time masking of stored log events. Data is masked at ingest, but a
 * reader without clearance gets the events masked again: values stored before
 * a rule existed, or written by a path that skipped ingest masking, must not
 * reach them. Masking is idempotent, so already-masked events are unchanged.
 */
export function maskLogEventsForReader<T>(
  masker: Masker,
  events: readonly T[],
  reader: ReaderClearance,
): readonly unknown[] {
  return reader.clearance ? events : events.map((event) => masker.maskLogEvent(event));
}

/** Read-time masking of any JSON value (audit `changes`, `metadata`, report rows). */
export function maskValueForReader<T>(
  masker: Masker,
  value: T,
  reader: ReaderClearance,
): T | unknown {
  return reader.clearance ? value : masker.maskValue(value);
}
