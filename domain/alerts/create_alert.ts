/**
 * `create_alert`: records an occurrence, deduplicated by fingerprint while
 * the alert is unresolved, and queues its notification through the durable
 * outbox when the route, the silences and the repeat interval allow it.
 * @module
 */
import type { AlertOccurrence, ChannelName } from "./alert.ts";
import type { AlertActor, AlertDeps } from "./alert_deps.ts";
import type { NotifyPlan, RecordedOccurrence } from "./ports.ts";
import { routeFor } from "./routing.ts";
import { silenceMatches } from "./silence.ts";

export interface CreateAlertInput {
  readonly occurrence: AlertOccurrence;
  readonly actor: AlertActor;
  readonly requestId?: string;
  /** Channels chosen by the rule that raised it, instead of the route's. */
  readonly channels?: readonly ChannelName[];
}

/** The key one notification gathers a burst under: the rule, else the fingerprint. */
export function notificationGroup(occurrence: Pick<AlertOccurrence, "ruleId" | "fingerprint">) {
  return occurrence.ruleId ? `rule:${occurrence.ruleId}` : `alert:${occurrence.fingerprint}`;
}

export async function createAlert(
  deps: AlertDeps,
  input: CreateAlertInput,
): Promise<RecordedOccurrence> {
  const now = deps.now();
  const occurrence = maskOccurrence(deps, input.occurrence);
  const silences = await deps.silences.active(now);
  const silenced = silences.some((s) => silenceMatches(s, occurrence, now));
  const route = routeFor(deps.routes, occurrence);
  const channels = (input.channels ?? route?.channels ?? [])
    .filter((c) => deps.configuredChannels.has(c));
  const notify: NotifyPlan | undefined = silenced || channels.length === 0 || !route ? undefined : {
    channels,
    repeatIntervalMs: route.repeatIntervalMs,
    groupWindowMs: route.groupWindowMs,
    groupKey: notificationGroup(occurrence),
  };
  const recorded = await deps.store.record(occurrence, {
    id: deps.newId(),
    at: now,
    silenced,
    ...(notify ? { notify } : {}),
  });
  if (recorded.created) {
    deps.metrics.alertCreated(recorded.alert.severity, recorded.alert.source);
    const reopened = recorded.alert.previousAlertId;
    await deps.audit({
      actor: input.actor,
      action: reopened ? "alert.reopened" : "alert.created",
      resource: { type: "alert", id: recorded.alert.id },
      ...(input.requestId ? { requestId: input.requestId } : {}),
      metadata: {
        fingerprint: recorded.alert.fingerprint,
        severity: recorded.alert.severity,
        source: recorded.alert.source,
        silenced,
        ...(reopened ? { previous_alert_id: reopened } : {}),
      },
    }).catch((error) => deps.reportError("alert change could not be audited", error));
  }
  return recorded;
}

/** Description and details are masked before storage: no channel ever sees clear data. */
function maskOccurrence(deps: AlertDeps, occurrence: AlertOccurrence): AlertOccurrence {
  return {
    ...occurrence,
    title: deps.mask.text(occurrence.title),
    ...(occurrence.description !== undefined
      ? { description: deps.mask.text(occurrence.description) }
      : {}),
    ...(occurrence.details
      ? { details: deps.mask.value(occurrence.details) as Record<string, unknown> }
      : {}),
  };
}
