/**
 * What a channel is given to deliver, and the drain of the outbox: due rows
 * are leased, delivered by their channel (which retries retryable failures
 * itself) and their outcome stored on the row and on each alert.
 * @module
 */
import type { Alert, ChannelName, NotificationAction } from "./alert.ts";
import type { AlertMetrics, AlertOutbox, OutboxItem } from "./ports.ts";

/** One notification: an action about the alerts of one group. */
export interface Notification {
  /** The outbox row: stable across redeliveries, receivers may deduplicate on it. */
  readonly deliveryId: string;
  readonly action: NotificationAction;
  readonly groupKey: string;
  readonly alerts: readonly Alert[];
}

/** The result of one delivery with the channel's retries. */
export interface SendReport {
  readonly attempts: number;
  /** Set when the delivery failed after its retries (or at once, when not retryable). */
  readonly error?: string;
}

/** A delivery channel (Slack, email, PagerDuty, webhook, Alertmanager). */
export interface ChannelSender {
  readonly name: ChannelName;
  send(notification: Notification): Promise<SendReport>;
}

export interface DrainDeps {
  readonly outbox: AlertOutbox;
  readonly channels: ReadonlyMap<ChannelName, ChannelSender>;
  readonly metrics: Pick<AlertMetrics, "notification">;
  readonly now: () => Date;
  /** How long a claimed row is ours; a crash leaves it to be taken again after this. */
  readonly leaseMs: number;
  readonly batch: number;
}

/** Delivers what is due; returns how many rows were handled. */
export async function drainOutbox(deps: DrainDeps): Promise<number> {
  const items = await deps.outbox.claimDue({
    now: deps.now(),
    leaseMs: deps.leaseMs,
    limit: deps.batch,
  });
  // Channels in parallel; each channel's rows in order, so a resolve never overtakes its trigger.
  const byChannel = Map.groupBy(items, (item) => item.channel);
  await Promise.all(
    [...byChannel.values()].map(async (rows) => {
      for (const item of rows.sort((a, b) => a.id - b.id)) await deliver(deps, item);
    }),
  );
  return items.length;
}

async function deliver(deps: DrainDeps, item: OutboxItem): Promise<void> {
  const channel = deps.channels.get(item.channel);
  const alerts = await deps.outbox.alerts(item.alertIds);
  if (!channel || alerts.length === 0) {
    await deps.outbox.complete(item, {
      status: "failed",
      attempts: item.attempts,
      lastError: channel ? "the alerts are gone" : `channel ${item.channel} is not configured`,
      at: deps.now(),
    });
    deps.metrics.notification(item.channel, "failed");
    return;
  }
  const started = performance.now();
  const report = await channel.send({
    deliveryId: String(item.id),
    action: item.action,
    groupKey: item.groupKey,
    alerts,
  }).catch((error): { attempts: number; error: string } => ({
    attempts: 1,
    error: error instanceof Error ? error.message : String(error),
  }));
  const seconds = (performance.now() - started) / 1000;
  const attempts = item.attempts + report.attempts;
  await deps.outbox.complete(item, {
    status: report.error === undefined ? "sent" : "failed",
    attempts,
    ...(report.error !== undefined ? { lastError: report.error } : {}),
    at: deps.now(),
  });
  if (report.attempts > 1) deps.metrics.notification(item.channel, "retried");
  deps.metrics.notification(item.channel, report.error === undefined ? "sent" : "failed", seconds);
}
