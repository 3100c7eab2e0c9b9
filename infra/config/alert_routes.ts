/**
 * The routing table (`ALERT_ROUTES`, JSON) checked in full: every problem is
 * listed, so a bad table stops start-up with one complete report.
 *
 * ```json
 * [{ "match": { "severity": ["critical"] }, "channels": ["pagerduty", "slack"],
 *    "repeat_interval": "4h", "group_window": "30s" }]
 * ```
 * @module
 */
import {
  ALERT_SEVERITIES,
  type AlertRoute,
  CHANNEL_NAMES,
  type ChannelName,
  DEFAULT_GROUP_WINDOW_MS,
  DEFAULT_REPEAT_INTERVAL_MS,
  parseDuration,
} from "../../domain/alerts/mod.ts";

/** The setting each channel needs before a route may name it. */
export const CHANNEL_SETTINGS: Readonly<Record<ChannelName, string>> = {
  slack: "ALERT_SLACK_WEBHOOK_URL",
  email: "ALERT_EMAIL_SMTP_HOST",
  pagerduty: "ALERT_PAGERDUTY_ROUTING_KEY",
  webhook: "ALERT_WEBHOOK_URL",
  alertmanager: "ALERT_ALERTMANAGER_URL",
};

const ROUTE_KEYS = new Set(["match", "channels", "repeat_interval", "group_window"]);
const MATCH_KEYS = new Set(["severity", "source", "labels"]);

/** Parses the table; `problems` is empty when it is valid. */
export function parseAlertRoutes(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): { routes: AlertRoute[]; problems: string[] } {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`ALERT_ROUTES${path}: ${message}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    at("", `not JSON (${(error as Error).message})`);
    return { routes: [], problems };
  }
  if (!Array.isArray(raw)) {
    at("", "must be a JSON array of routes");
    return { routes: [], problems };
  }
  const routes: AlertRoute[] = [];
  raw.forEach((entry: unknown, i) => {
    const here = `[${i}]`;
    if (!isObject(entry)) return at(here, "must be an object");
    for (const key of Object.keys(entry)) {
      if (!ROUTE_KEYS.has(key)) at(`${here}.${key}`, "unknown key");
    }
    const match = entry.match ?? {};
    if (!isObject(match)) at(`${here}.match`, "must be an object");
    else {
      for (const key of Object.keys(match)) {
        if (!MATCH_KEYS.has(key)) at(`${here}.match.${key}`, "unknown matcher");
      }
      stringList(match.severity, `${here}.match.severity`, at, ALERT_SEVERITIES);
      stringList(match.source, `${here}.match.source`, at);
      if (match.labels !== undefined) {
        if (
          !isObject(match.labels) || Object.values(match.labels).some((v) => typeof v !== "string")
        ) {
          at(`${here}.match.labels`, "must be an object of strings");
        }
      }
    }
    const channels = stringList(entry.channels, `${here}.channels`, at, CHANNEL_NAMES) ?? [];
    if (entry.channels === undefined) at(`${here}.channels`, "required (may be [])");
    channels.forEach((channel, j) => {
      const setting = CHANNEL_SETTINGS[channel as ChannelName];
      if (setting && !env[setting]?.trim()) {
        at(`${here}.channels[${j}]`, `"${channel}" needs ${setting}`);
      }
    });
    const repeat = durationOf(entry.repeat_interval, `${here}.repeat_interval`, at);
    const group = durationOf(entry.group_window, `${here}.group_window`, at);
    routes.push({
      match: isObject(match)
        ? {
          ...(match.severity
            ? { severity: match.severity as AlertRoute["match"]["severity"] }
            : {}),
          ...(match.source ? { source: match.source as string[] } : {}),
          ...(match.labels ? { labels: match.labels as Record<string, string> } : {}),
        }
        : {},
      channels: channels as ChannelName[],
      repeatIntervalMs: repeat ?? DEFAULT_REPEAT_INTERVAL_MS,
      groupWindowMs: group ?? DEFAULT_GROUP_WINDOW_MS,
    });
  });
  return { routes, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(
  value: unknown,
  path: string,
  at: (path: string, message: string) => void,
  allowed?: readonly string[],
): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    at(path, "must be an array of strings");
    return undefined;
  }
  if (allowed) {
    value.forEach((v, i) => {
      if (!allowed.includes(v)) {
        at(`${path}[${i}]`, `unknown value "${v}" (one of ${allowed.join(", ")})`);
      }
    });
  }
  return value.filter((v) => !allowed || allowed.includes(v));
}

function durationOf(
  value: unknown,
  path: string,
  at: (path: string, message: string) => void,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "string" ? parseDuration(value) : undefined;
  if (ms === undefined) at(path, "must be a duration such as 30s, 5m or 4h");
  return ms;
}
