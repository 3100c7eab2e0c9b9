/**
 * What the alert use cases need from the outside, as interfaces the
 * infrastructure implements (Postgres stores, delivery channels, the audit
 * trail). Use cases receive them in a `deps` object.
 * @module
 */
import type {
  Alert,
  AlertOccurrence,
  AlertSeverity,
  AlertStatus,
  ChannelName,
  NotificationAction,
} from "./alert.ts";
import type { Silence, SilenceMatchers } from "./silence.ts";

/** Where a new or repeated occurrence is to be notified, decided before it is stored. */
export interface NotifyPlan {
  readonly channels: readonly ChannelName[];
  readonly repeatIntervalMs: number;
  readonly groupWindowMs: number;
  readonly groupKey: string;
}

/** The result of storing one occurrence. */
export interface RecordedOccurrence {
  readonly alert: Alert;
  /** True when this occurrence opened the alert (new, or reopening a resolved one). */
  readonly created: boolean;
  /** The channels a notification was queued for (empty: deduplicated inside the repeat interval, silenced, or unrouted). */
  readonly queued: readonly ChannelName[];
}

/** A page of alerts: filters and a keyset position (ids are time ordered). */
export interface AlertListQuery {
  readonly statuses?: readonly AlertStatus[];
  readonly severities?: readonly AlertSeverity[];
  readonly source?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly beforeId?: string;
  readonly limit: number;
}

/** The alerts table and the outbox rows written with it. */
export interface AlertStore {
  /**
   * Stores an occurrence atomically: inserts the alert or grows the
   * unresolved one with the same fingerprint and, when `notify` allows it
   * (first occurrence, or the repeat interval has passed), queues one outbox
   * row per channel in the same transaction.
   */
  record(
    occurrence: AlertOccurrence,
    options: {
      readonly id: string;
      readonly at: Date;
      readonly silenced: boolean;
      readonly notify?: NotifyPlan;
    },
  ): Promise<RecordedOccurrence>;
  get(id: string): Promise<Alert | undefined>;
  /** The unresolved alert with this fingerprint, if any. */
  openByFingerprint(fingerprint: string): Promise<Alert | undefined>;
  list(query: AlertListQuery): Promise<Alert[]>;
  /** The plan's `find_by_severity_and_status`. */
  findBySeverityAndStatus(
    query: {
      readonly severities?: readonly AlertSeverity[];
      readonly statuses?: readonly AlertStatus[];
      readonly limit: number;
    },
  ): Promise<Alert[]>;
  /** The plan's `find_unresolved_alerts`. */
  findUnresolved(query: { readonly limit: number }): Promise<Alert[]>;
  /**
   * Moves an alert to `to` when it may (open → acknowledged, open or
   * acknowledged → resolved) and queues the action for `channels` in the
   * same transaction; undefined when the alert is unknown or the move is not allowed.
   */
  transition(
    id: string,
    change: {
      readonly to: "acknowledged" | "resolved";
      readonly by: string;
      readonly at: Date;
      readonly channels: (alert: Alert) => readonly ChannelName[];
    },
  ): Promise<Alert | undefined>;
  /** Unresolved alerts per severity, for the `alerts_open` gauge. */
  countOpen(): Promise<Partial<Record<AlertSeverity, number>>>;
}

/** One claimed outbox row: one notification for one channel. */
export interface OutboxItem {
  readonly id: number;
  readonly channel: ChannelName;
  readonly action: NotificationAction;
  readonly groupKey: string;
  readonly alertIds: readonly string[];
  /** Attempts made by earlier drains (a crash mid-delivery leaves them counted). */
  readonly attempts: number;
}

/** The outcome of delivering one outbox row. */
export interface DeliveryOutcome {
  readonly status: "sent" | "failed";
  readonly attempts: number;
  readonly lastError?: string;
  readonly at: Date;
}

/** The durable outbox. */
export interface AlertOutbox {
  /**
   * Leases up to `limit` rows that are due (pending and past their group
   * window, or whose earlier lease ran out with its holder) for `leaseMs`.
   */
  claimDue(
    options: { readonly now: Date; readonly leaseMs: number; readonly limit: number },
  ): Promise<OutboxItem[]>;
  /** Records the outcome on the row and on each alert's per-channel record. */
  complete(item: OutboxItem, outcome: DeliveryOutcome): Promise<void>;
  /** The alerts a row is about. */
  alerts(ids: readonly string[]): Promise<Alert[]>;
}

/** Stored silences. */
export interface SilenceStore {
  create(silence: Silence): Promise<Silence>;
  get(id: string): Promise<Silence | undefined>;
  /** Silences not expired by hand whose end is after `now`, soonest ending first. */
  active(now: Date): Promise<Silence[]>;
  list(options: { readonly includeExpired: boolean; readonly limit: number }): Promise<Silence[]>;
  /** Ends a silence now; undefined when unknown or already over. */
  expire(id: string, at: Date): Promise<Silence | undefined>;
}

/** One state change, as the audit trail receives it. */
export interface AlertAuditChange {
  readonly actor: { readonly id: string; readonly type: "user" | "service" | "system" };
  readonly action: string;
  readonly resource: {
    readonly type: "alert" | "alert_rule" | "alert_silence";
    readonly id: string;
  };
  readonly requestId?: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Appends a state change to the audit trail. */
export type RecordAlertAudit = (change: AlertAuditChange) => Promise<void>;

/** Masks text and values before they are stored on an alert or sent anywhere. */
export interface AlertMasking {
  text(text: string): string;
  value(value: unknown): unknown;
}

/** What the alert metrics port records. */
export interface AlertMetrics {
  alertCreated(severity: AlertSeverity, source: string): void;
  notification(
    channel: ChannelName,
    outcome: "sent" | "failed" | "retried",
    seconds?: number,
  ): void;
  openAlerts(counts: Partial<Record<AlertSeverity, number>>): void;
}

export type { SilenceMatchers };
