/**
 * An alert (SPEC S5.3, S12): deduplicated by fingerprint while it is not
 * resolved, so a repeating problem is one alert with a growing count; one
 * that recurs after being resolved opens a new alert linked to the old one.
 * @module
 */

export const ALERT_SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The channels an alert can be delivered to. */
export const CHANNEL_NAMES = ["slack", "email", "pagerduty", "webhook", "alertmanager"] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Alert, silence and rule ids: UUIDs (any version, either case). */
export const ALERT_ID =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Labels: short keys to short values, used by routing, silences and receivers. */
export type AlertLabels = Readonly<Record<string, string>>;

export const ALERT_LIMITS = {
  fingerprintMax: 255,
  sourceMax: 128,
  titleMax: 300,
  descriptionMax: 4_000,
  labelCount: 32,
  labelKeyMax: 64,
  labelValueMax: 256,
  detailsBytes: 16 * 1024,
  /** Levels of objects and arrays in `details`, itself included. */
  detailsDepth: 5,
} as const;

/** Outcome of notifying one channel (Slack, email, PagerDuty, …). */
export interface ChannelNotification {
  readonly status: "pending" | "sent" | "failed" | "skipped";
  readonly attempts: number;
  readonly last_error?: string;
  readonly sent_at?: string;
  /** The last action delivered or tried: trigger, acknowledge or resolve. */
  readonly action?: NotificationAction;
}

export const NOTIFICATION_ACTIONS = ["trigger", "acknowledge", "resolve"] as const;
export type NotificationAction = (typeof NOTIFICATION_ACTIONS)[number];

export interface Alert {
  readonly id: string;
  readonly fingerprint: string;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  readonly source: string;
  readonly title: string;
  readonly description: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly labels: AlertLabels;
  readonly occurrenceCount: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: Date | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: Date | null;
  /** The resolved alert this one reopens, if the problem came back. */
  readonly previousAlertId: string | null;
  /** The rule (and group of it) that raised this alert, if a rule did. */
  readonly ruleId: string | null;
  readonly groupKey: string | null;
  /** True when a silence matched it when it was raised: stored, not notified. */
  readonly silenced: boolean;
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
  readonly labels?: AlertLabels;
  readonly ruleId?: string;
  readonly groupKey?: string;
}
