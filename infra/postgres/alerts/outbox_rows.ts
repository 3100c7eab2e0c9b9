import type postgres from "postgres";
import type { ChannelName, NotificationAction } from "../../../domain/alerts/mod.ts";

/**
 * Queues one notification per channel in the caller's transaction. A trigger
 * joins the row of its group still gathering (inside the group window), so a
 * burst is one notification; acknowledgements and resolutions go out at once.
 */
export async function enqueueNotifications(
  tx: postgres.TransactionSql,
  item: {
    readonly alertId: string;
    readonly channels: readonly ChannelName[];
    readonly action: NotificationAction;
    readonly groupKey: string;
    readonly availableAt: Date;
  },
): Promise<void> {
  if (item.channels.length === 0) return;
  for (const channel of item.channels) {
    if (item.action === "trigger") {
      await tx`
        insert into alert_outbox (channel, action, group_key, alert_ids, available_at)
        values (${channel}, 'trigger', ${item.groupKey}, array[${item.alertId}]::uuid[],
                ${item.availableAt})
        on conflict (channel, group_key) where status = 'pending' and action = 'trigger'
        do update set alert_ids = case
          when ${item.alertId}::uuid = any(alert_outbox.alert_ids) then alert_outbox.alert_ids
          else array_append(alert_outbox.alert_ids, ${item.alertId}::uuid) end`;
    } else {
      await tx`
        insert into alert_outbox (channel, action, group_key, alert_ids, available_at)
        values (${channel}, ${item.action}, ${item.groupKey}, array[${item.alertId}]::uuid[],
                ${item.availableAt})`;
    }
  }
  const pending = Object.fromEntries(
    item.channels.map((c) => [c, { status: "pending", attempts: 0, action: item.action }]),
  );
  await tx`
    update alerts set notifications = notifications || ${tx.json(pending)}
     where id = ${item.alertId}`;
}
