/**
 * An alert (SPEC S5.3, S12): deduplicated by fingerprint while it is not
 * resolved, so a repeating problem is one alert with a growing count.
 * @module
 */

export const ALERT_SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Outcome of notifying one channel (Slack, email, PagerDuty, …). */
export interface ChannelNotification {
  readonly status: "sent" | "failed" | "skipped";
  readonly attempts: number;
  readonly last_error?: string;
  readonly sent_at?: string;
}

export interface Alert {
  readonly id: string;
  readonly fingerprint: string;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  readonly source: string;
  readonly title: string;
  readonly description: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly occurrenceCount: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: Date | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: Date | null;
  readonly notifications: Readonly<Record<string, ChannelNotification>>;
}

/** A new occurrence of a problem. */
export interface AlertOccurrence {
  readonly fingerprint: string;
  readonly severity: AlertSeverity;
  readonly source: string;
  readonly title: string;
  readonly description?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly seenAt: Date;
}
