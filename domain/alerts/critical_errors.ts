/**
 * `handle_critical_error`: the service raises its own alerts, with stable
 * fingerprints (kind and subject, never a message or a time), so a failure
 * that repeats is one alert with a growing count, resolved when it clears.
 * @module
 */
import type { Alert, AlertSeverity } from "./alert.ts";
import type { AlertDeps } from "./alert_deps.ts";
import { resolveAlert } from "./alert_transitions.ts";
import { createAlert } from "./create_alert.ts";

/** The service's own failures that page someone. */
export const CRITICAL_ERRORS = {
  audit_store_unavailable: { severity: "critical", title: "Audit store unavailable" },
  breaker_open: { severity: "critical", title: "Circuit breaker open" },
  worker_queue_saturated: { severity: "high", title: "Worker queue saturated" },
  audit_verification_failed: { severity: "critical", title: "Audit chain verification failed" },
  retention_failed: { severity: "high", title: "Retention failed" },
  backup_verification_failed: { severity: "high", title: "Backup verification failed" },
} as const satisfies Record<string, { severity: AlertSeverity; title: string }>;

export type CriticalErrorKind = keyof typeof CRITICAL_ERRORS;

export interface CriticalError {
  readonly kind: CriticalErrorKind;
  /** What failed: a dependency, a job; part of the fingerprint. */
  readonly subject: string;
  /** Shown in the alert; masked; not part of the fingerprint. */
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface CriticalErrorDeps {
  readonly alerts: AlertDeps;
  /** The service's name: the alerts' source. */
  readonly source: string;
}

/** The stable fingerprint of a kind of failure of one subject. */
export function criticalFingerprint(source: string, kind: CriticalErrorKind, subject: string) {
  return `${source}/${kind}/${subject}`.slice(0, 255);
}

/** Raises (or counts once more) the alert of a critical failure of the service itself. */
export async function handleCriticalError(
  deps: CriticalErrorDeps,
  error: CriticalError,
): Promise<Alert> {
  const spec = CRITICAL_ERRORS[error.kind];
  const { alert } = await createAlert(deps.alerts, {
    occurrence: {
      fingerprint: criticalFingerprint(deps.source, error.kind, error.subject),
      severity: spec.severity,
      source: deps.source,
      title: `${spec.title}: ${error.subject}`,
      ...(error.message ? { description: error.message } : {}),
      details: { kind: error.kind, subject: error.subject, ...error.details },
      labels: { kind: error.kind, subject: error.subject.slice(0, 256) },
    },
    actor: { id: deps.source, type: "system" },
  });
  return alert;
}

/** Resolves the alert of a failure that has cleared; false when none was open. */
export async function clearCriticalError(
  deps: CriticalErrorDeps,
  kind: CriticalErrorKind,
  subject: string,
): Promise<boolean> {
  const open = await deps.alerts.store.openByFingerprint(
    criticalFingerprint(deps.source, kind, subject),
  );
  if (!open) return false;
  await resolveAlert(deps.alerts, {
    id: open.id,
    actor: { id: deps.source, type: "system" },
    reason: "the condition cleared",
  }).catch(() => undefined); // resolved meanwhile: nothing left to do
  return true;
}
