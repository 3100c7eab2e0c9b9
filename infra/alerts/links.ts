/**
 * Links a notification carries: to the alert in the API and to a log search
 * showing its events (the rule's search, or the source's logs around the
 * time it was seen).
 * @module
 */
import type { Alert } from "../../domain/alerts/mod.ts";

export function alertLink(baseUrl: string, alert: Alert): string {
  return `${baseUrl.replace(/\/$/, "")}/api/v1/alerts/${alert.id}`;
}

export function logSearchLink(baseUrl: string, alert: Alert): string {
  const params = new URLSearchParams();
  const search = alert.details.search as Record<string, unknown> | undefined;
  if (search && typeof search === "object") {
    for (const [key, value] of Object.entries(search)) {
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
    }
  } else {
    params.append("service", alert.source);
    params.append("from", new Date(alert.firstSeenAt.getTime() - 5 * 60_000).toISOString());
    params.append("to", new Date(alert.lastSeenAt.getTime() + 60_000).toISOString());
  }
  return `${baseUrl.replace(/\/$/, "")}/api/v1/logs/search?${params}`;
}

/** Sample log lines kept on a rule's alert (already masked). */
export function sampleLines(alert: Alert): string[] {
  const samples = alert.details.samples;
  return Array.isArray(samples) ? samples.map(String) : [];
}
