/**
 * Silences (as Alertmanager's): matchers on source, severity, fingerprint and
 * labels with a start and an end. A silenced alert is stored but not notified.
 * @module
 */
import type { AlertLabels, AlertOccurrence, AlertSeverity } from "./alert.ts";

/** Every given matcher must match; an empty list of values never is given. */
export interface SilenceMatchers {
  readonly source?: readonly string[];
  readonly severity?: readonly AlertSeverity[];
  readonly fingerprint?: readonly string[];
  readonly labels?: AlertLabels;
}

export interface Silence {
  readonly id: string;
  readonly matchers: SilenceMatchers;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly comment: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** When it was ended by hand before `endsAt`. */
  readonly expiredAt: Date | null;
}

/** Silences may last at most this long (Alertmanager has no bound; an endless one is a mistake). */
export const MAX_SILENCE_MS = 90 * 86_400_000;

/** True when `silence` is in force at `now` and all its matchers match `occurrence`. */
export function silenceMatches(
  silence: Silence,
  occurrence: Pick<AlertOccurrence, "source" | "severity" | "fingerprint" | "labels">,
  now: Date,
): boolean {
  if (silence.expiredAt && silence.expiredAt <= now) return false;
  if (now < silence.startsAt || now >= silence.endsAt) return false;
  const m = silence.matchers;
  if (m.source && !m.source.includes(occurrence.source)) return false;
  if (m.severity && !m.severity.includes(occurrence.severity)) return false;
  if (m.fingerprint && !m.fingerprint.includes(occurrence.fingerprint)) return false;
  for (const [key, value] of Object.entries(m.labels ?? {})) {
    if (occurrence.labels?.[key] !== value) return false;
  }
  return true;
}

/** True when the matchers name nothing: such a silence would mute every alert. */
export function matchesEverything(matchers: SilenceMatchers): boolean {
  return !matchers.source?.length && !matchers.severity?.length &&
    !matchers.fingerprint?.length && Object.keys(matchers.labels ?? {}).length === 0;
}
