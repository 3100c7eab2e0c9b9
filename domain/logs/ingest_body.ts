import { AppError } from "../errors/mod.ts";

/** One item of an ingest request body: a parsed value, or a line that was not JSON. */
export type IngestItem = { readonly ok: true; readonly value: unknown } | {
  readonly ok: false;
  readonly error: string;
};

/**
 * Splits an ingest body into items: a JSON array (or one object) for
 * `application/json`, one JSON value per line for NDJSON. A bad NDJSON line
 * fails only that item — one corrupt line should not lose a whole batch —
 * while a JSON body that does not parse is rejected as a whole.
 */
export function parseIngestBody(
  text: string,
  format: "json" | "ndjson",
  maxEvents: number,
): IngestItem[] {
  const items = format === "json" ? jsonItems(text) : ndjsonItems(text);
  if (items.length === 0) {
    throw new AppError("LOG_EVENT_INVALID", { detail: "the body holds no events" });
  }
  if (items.length > maxEvents) {
    throw new AppError("LOG_BATCH_TOO_LARGE", {
      detail: `at most ${maxEvents} events per request, got ${items.length}`,
    });
  }
  return items;
}

function jsonItems(text: string): IngestItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("MALFORMED_JSON", { detail: "the body is not valid JSON" });
  }
  if (typeof value !== "object" || value === null) {
    throw new AppError("LOG_EVENT_INVALID", {
      detail: "the body must be a JSON array of events or one event object",
    });
  }
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => ({ ok: true, value: v }));
}

function ndjsonItems(text: string): IngestItem[] {
  const items: IngestItem[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    try {
      items.push({ ok: true, value: JSON.parse(trimmed) });
    } catch {
      items.push({ ok: false, error: "line is not valid JSON" });
    }
  }
  return items;
}
