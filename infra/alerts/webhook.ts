/**
 * A generic webhook: the notification as JSON, signed with HMAC-SHA256 over
 * `<timestamp>.<body>` in `X-Alert-Signature: sha256=<hex>` with the time in
 * `X-Alert-Timestamp` (a receiver refuses old timestamps against replay) and
 * the delivery id in `X-Alert-Delivery` (stable across redeliveries).
 * @module
 */
import type { Notification } from "../../domain/alerts/mod.ts";
import { httpDeliveryError } from "./delivery_error.ts";
import { alertDocument } from "../../domain/alerts/mod.ts";
import { alertLink, logSearchLink } from "./links.ts";
import type { DeliverOnce } from "./retrying_sender.ts";

export function webhookBody(notification: Notification, baseUrl: string) {
  return {
    version: "1",
    delivery_id: notification.deliveryId,
    action: notification.action,
    group_key: notification.groupKey,
    alerts: notification.alerts.map((alert) => ({
      ...alertDocument(alert),
      links: { alert: alertLink(baseUrl, alert), logs: logSearchLink(baseUrl, alert) },
    })),
  };
}

/** The signature header's value for `body` sent at `timestamp` (seconds). */
export async function webhookSignature(
  secret: string,
  timestamp: string,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`${timestamp}.${body}`),
  );
  return `sha256=${
    Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("")
  }`;
}

export function webhookDelivery(
  options: { readonly url: string; readonly secret: string; readonly baseUrl: string },
) {
  const deliver: DeliverOnce = async (notification, signal) => {
    const body = JSON.stringify(webhookBody(notification, options.baseUrl));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-alert-timestamp": timestamp,
        "x-alert-signature": await webhookSignature(options.secret, timestamp, body),
        "x-alert-delivery": notification.deliveryId,
      },
      body,
      signal,
    });
    if (!response.ok) throw await httpDeliveryError(response);
    await response.body?.cancel();
  };
  return deliver;
}
