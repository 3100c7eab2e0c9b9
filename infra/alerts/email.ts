/**
 * Email over SMTP with nodemailer: a text and an HTML part; STARTTLS
 * (required), implicit TLS or none, and authentication, as configured. SMTP
 * 4xx replies and connection failures are retried, 5xx replies are not.
 * @module
 */
// @ts-types="npm:@types/nodemailer@8.0.2"
import nodemailer from "nodemailer";
import type { Alert, Notification } from "../../domain/alerts/mod.ts";
import { DeliveryError } from "./delivery_error.ts";
import { alertLink, logSearchLink, sampleLines } from "./links.ts";
import type { DeliverOnce } from "./retrying_sender.ts";

export interface EmailOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: "starttls" | "implicit" | "none";
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly from: string;
  readonly to: readonly string[];
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export function emailMessage(notification: Notification, baseUrl: string) {
  const first = notification.alerts[0]!;
  const verb = notification.action === "resolve" ? "Resolved" : "Alert";
  const subject = notification.alerts.length === 1
    ? `[${first.severity.toUpperCase()}] ${verb}: ${first.title}`
    : `[${first.severity.toUpperCase()}] ${notification.alerts.length} alerts (${verb.toLowerCase()}): ${first.title}`;
  const text = notification.alerts.map((a) => alertText(a, baseUrl)).join("\n\n---\n\n");
  const html = `<!doctype html><html><body style="font-family:sans-serif">${
    notification.alerts.map((a) => alertHtml(a, baseUrl)).join("<hr>")
  }</body></html>`;
  return { subject: subject.replace(/[\r\n]+/g, " ").slice(0, 250), text, html };
}

function alertText(alert: Alert, baseUrl: string): string {
  const samples = sampleLines(alert);
  return [
    alert.title,
    alert.description ?? "",
    `Severity: ${alert.severity}`,
    `Status: ${alert.status}`,
    `Source: ${alert.source}`,
    `Count: ${alert.occurrenceCount}`,
    `First seen: ${alert.firstSeenAt.toISOString()}`,
    `Last seen: ${alert.lastSeenAt.toISOString()}`,
    ...(samples.length ? ["Sample lines:", ...samples.map((s) => `  ${s}`)] : []),
    `Alert: ${alertLink(baseUrl, alert)}`,
    `Logs: ${logSearchLink(baseUrl, alert)}`,
  ].filter((line) => line !== "").join("\n");
}

function alertHtml(alert: Alert, baseUrl: string): string {
  const samples = sampleLines(alert);
  const row = (k: string, v: string) => `<tr><th align="left">${k}</th><td>${html(v)}</td></tr>`;
  return `<h2>${html(alert.title)}</h2>${
    alert.description ? `<p>${html(alert.description)}</p>` : ""
  }<table>${row("Severity", alert.severity)}${row("Status", alert.status)}${
    row("Source", alert.source)
  }${row("Count", String(alert.occurrenceCount))}${
    row("First seen", alert.firstSeenAt.toISOString())
  }${row("Last seen", alert.lastSeenAt.toISOString())}</table>${
    samples.length ? `<pre>${html(samples.join("\n"))}</pre>` : ""
  }<p><a href="${html(alertLink(baseUrl, alert))}">Open alert</a> · <a href="${
    html(logSearchLink(baseUrl, alert))
  }">Show logs</a></p>`;
}

function html(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

export function emailDelivery(options: EmailOptions): { deliver: DeliverOnce; close(): void } {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.tls === "implicit",
    requireTLS: options.tls === "starttls",
    ignoreTLS: options.tls === "none",
    ...(options.user ? { auth: { user: options.user, pass: options.password ?? "" } } : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  const deliver: DeliverOnce = async (notification) => {
    if (notification.action === "acknowledge") return;
    const message = emailMessage(notification, options.baseUrl);
    try {
      await transport.sendMail({ from: options.from, to: [...options.to], ...message });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // Permanent SMTP refusals (5xx) and bad settings do not improve with retries.
      const retryable = code === undefined
        ? !/EAUTH|EENVELOPE|EMESSAGE/.test(String((error as { code?: string }).code))
        : code < 500;
      throw new DeliveryError(
        `SMTP ${code ?? (error as { code?: string }).code ?? "error"}: ${(error as Error).message}`
          .slice(0, 300),
        retryable,
        { cause: error },
      );
    }
  };
  return { deliver, close: () => transport.close() };
}
