/**
 * Acknowledge and resolve: open → acknowledged → resolved (or open →
 * resolved), who and when stored, the action queued for the channels that
 * track an incident (PagerDuty, Alertmanager, the webhook; Slack hears of
 * the resolution), and each change an audit event.
 * @module
 */
import { AppError } from "../errors/mod.ts";
import type { Alert, ChannelName } from "./alert.ts";
import type { AlertActor, AlertDeps } from "./alert_deps.ts";

/** Channels that hear of an acknowledgement, and of a resolution. */
const ACK_CHANNELS: readonly ChannelName[] = ["pagerduty", "webhook"];
const RESOLVE_CHANNELS: readonly ChannelName[] = ["pagerduty", "alertmanager", "webhook", "slack"];

export interface AlertChangeInput {
  readonly id: string;
  readonly actor: AlertActor;
  readonly requestId?: string;
  /** Why (auto-resolution names the rule). */
  readonly reason?: string;
}

export function acknowledgeAlert(deps: AlertDeps, input: AlertChangeInput): Promise<Alert> {
  return change(deps, input, "acknowledged", ACK_CHANNELS);
}

export function resolveAlert(deps: AlertDeps, input: AlertChangeInput): Promise<Alert> {
  return change(deps, input, "resolved", RESOLVE_CHANNELS);
}

async function change(
  deps: AlertDeps,
  input: AlertChangeInput,
  to: "acknowledged" | "resolved",
  follow: readonly ChannelName[],
): Promise<Alert> {
  const changed = await deps.store.transition(input.id, {
    to,
    by: input.actor.id,
    at: deps.now(),
    // Only channels that were told of the alert (or will be: queued rows go out in order).
    channels: (alert) =>
      follow.filter((c) => {
        const status = alert.notifications[c]?.status;
        return (status === "sent" || status === "pending") && deps.configuredChannels.has(c);
      }),
  });
  if (!changed) {
    const current = await deps.store.get(input.id);
    if (!current) throw new AppError("ALERT_NOT_FOUND");
    throw new AppError("ALERT_STATE_CONFLICT", {
      detail: `the alert is ${current.status}; it cannot become ${to}`,
    });
  }
  await deps.audit({
    actor: input.actor,
    action: to === "acknowledged" ? "alert.acknowledged" : "alert.resolved",
    resource: { type: "alert", id: changed.id },
    ...(input.requestId ? { requestId: input.requestId } : {}),
    metadata: {
      fingerprint: changed.fingerprint,
      severity: changed.severity,
      ...(input.reason ? { reason: input.reason } : {}),
    },
  }).catch((error) => deps.reportError("alert change could not be audited", error));
  return changed;
}

/** One alert with its delivery record; 404 when unknown. */
export async function getAlert(deps: Pick<AlertDeps, "store">, id: string): Promise<Alert> {
  const alert = await deps.store.get(id);
  if (!alert) throw new AppError("ALERT_NOT_FOUND");
  return alert;
}
