/**
 * Routing by a validated table (ALERT_ROUTES): the first route whose matchers
 * all match an alert decides its channels, how often an alert still open is
 * re-notified and how long a burst is gathered into one notification.
 * @module
 */
import type { AlertLabels, AlertSeverity, ChannelName } from "./alert.ts";

export interface AlertRoute {
  readonly match: {
    readonly severity?: readonly AlertSeverity[];
    readonly source?: readonly string[];
    readonly labels?: AlertLabels;
  };
  readonly channels: readonly ChannelName[];
  /** An alert still open is re-notified at most this often. */
  readonly repeatIntervalMs: number;
  /** Occurrences of one group within this window are one notification. */
  readonly groupWindowMs: number;
}

/** Alertmanager's defaults: re-notify after 4 h; gather bursts for 30 s. */
export const DEFAULT_REPEAT_INTERVAL_MS = 4 * 3_600_000;
export const DEFAULT_GROUP_WINDOW_MS = 30_000;

function severityRoute(severity: AlertSeverity[], channels: ChannelName[]): AlertRoute {
  return {
    match: { severity },
    channels,
    repeatIntervalMs: DEFAULT_REPEAT_INTERVAL_MS,
    groupWindowMs: DEFAULT_GROUP_WINDOW_MS,
  };
}

/** critical → PagerDuty + Slack, high → Slack + email, medium → email, low and info → none. */
export const DEFAULT_ROUTES: readonly AlertRoute[] = [
  severityRoute(["critical"], ["pagerduty", "slack"]),
  severityRoute(["high"], ["slack", "email"]),
  severityRoute(["medium"], ["email"]),
  severityRoute(["low", "info"], []),
];

/** The first matching route, or undefined (not notified). */
export function routeFor(
  routes: readonly AlertRoute[],
  alert: {
    readonly severity: AlertSeverity;
    readonly source: string;
    readonly labels?: AlertLabels;
  },
): AlertRoute | undefined {
  return routes.find(({ match }) =>
    (!match.severity || match.severity.includes(alert.severity)) &&
    (!match.source || match.source.includes(alert.source)) &&
    Object.entries(match.labels ?? {}).every(([k, v]) => alert.labels?.[k] === v)
  );
}
