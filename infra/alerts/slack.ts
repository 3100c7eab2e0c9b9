/**
 * Slack incoming webhook with Block Kit: a header, the severity, count, first
 * and last seen, sample lines, and buttons to the alert and to a log search
 * showing its events. A plain `text` goes along for notifications and
 * clients without blocks.
 * @module
 */
import type { Alert, Notification } from "../../domain/alerts/mod.ts";
import { postJson } from "./delivery_error.ts";
import { alertLink, logSearchLink, sampleLines } from "./links.ts";
import type { DeliverOnce } from "./retrying_sender.ts";

const SEVERITY_EMOJI = {
  critical: ":rotating_light:",
  high: ":red_circle:",
  medium: ":large_orange_diamond:",
  low: ":large_blue_circle:",
  info: ":information_source:",
} as const;

/** Slack caps: 50 blocks, 3000 characters in a text object, 150 in a header. */
const MAX_ALERTS_SHOWN = 10;

export function slackMessage(notification: Notification, baseUrl: string) {
  const verb = notification.action === "resolve" ? "Resolved" : "Alert";
  const shown = notification.alerts.slice(0, MAX_ALERTS_SHOWN);
  const first = notification.alerts[0]!;
  const text = notification.alerts.length === 1
    ? `[${first.severity.toUpperCase()}] ${verb}: ${first.title}`
    : `${notification.alerts.length} alerts (${verb.toLowerCase()}): ${first.title}, …`;
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: text.slice(0, 150), emoji: true } },
  ];
  for (const alert of shown) blocks.push(...alertBlocks(alert, notification, baseUrl));
  if (notification.alerts.length > shown.length) {
    blocks.push({
      type: "context",
      elements: [{
        type: "mrkdwn",
        text: `and ${notification.alerts.length - shown.length} more alerts`,
      }],
    });
  }
  return { text: text.slice(0, 3000), blocks };
}

function alertBlocks(alert: Alert, notification: Notification, baseUrl: string): unknown[] {
  const status = notification.action === "resolve" ? "resolved" : alert.status;
  const blocks: unknown[] = [
    { type: "divider" },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${SEVERITY_EMOJI[alert.severity]} *${escape(alert.title)}*\n${
          escape(alert.description ?? "")
        }`.slice(0, 3000),
      },
      fields: [
        { type: "mrkdwn", text: `*Severity*\n${alert.severity}` },
        { type: "mrkdwn", text: `*Status*\n${status}` },
        { type: "mrkdwn", text: `*Count*\n${alert.occurrenceCount}` },
        { type: "mrkdwn", text: `*Source*\n${escape(alert.source)}` },
        { type: "mrkdwn", text: `*First seen*\n${alert.firstSeenAt.toISOString()}` },
        { type: "mrkdwn", text: `*Last seen*\n${alert.lastSeenAt.toISOString()}` },
      ],
    },
  ];
  const samples = sampleLines(alert);
  if (samples.length > 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: ("```" + samples.map(escape).join("\n") + "```").slice(0, 3000),
      },
    });
  }
  blocks.push({
    type: "actions",
    elements: [
      {
        type: "button",
        text: { type: "plain_text", text: "Open alert" },
        url: alertLink(baseUrl, alert),
        action_id: `alert-${alert.id}`,
      },
      {
        type: "button",
        text: { type: "plain_text", text: "Show logs" },
        url: logSearchLink(baseUrl, alert).slice(0, 3000),
        action_id: `logs-${alert.id}`,
      },
    ],
  });
  return blocks;
}

/** Slack's mrkdwn escapes: &, < and > only. */
function escape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function slackDelivery(options: { readonly webhookUrl: string; readonly baseUrl: string }) {
  const deliver: DeliverOnce = async (notification, signal) => {
    if (notification.action === "acknowledge") return; // Slack hears of triggers and resolutions
    await postJson(options.webhookUrl, slackMessage(notification, options.baseUrl), { signal });
  };
  return deliver;
}
