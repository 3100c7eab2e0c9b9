import { AppError, type ErrorCode, type FieldError } from "../errors/mod.ts";
import { findIJsonDefects, formatJsonPath, type IJsonDefect } from "../json/mod.ts";

/** An ingest request body split into items; `single` when it was one event object. */
export interface IngestBody {
  readonly items: IngestItem[];
  readonly single: boolean;
}

/** One item of an ingest request body: a parsed value, or why it was refused before parsing. */
export type IngestItem = { readonly ok: true; readonly value: unknown } | {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly errors: readonly FieldError[];
};

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
/** Field errors reported per refused item; the first ones say enough. */
const MAX_ITEM_ERRORS = 10;

/**
 * Splits an ingest body into items: a JSON array (or one object) for
 * `application/json`, one JSON value per line for NDJSON. A bad NDJSON line
 * (not UTF-8, not JSON) fails only that item — one corrupt line should not
 * lose a whole batch — while a JSON body that does not decode or parse is
 * rejected as a whole. An item that JSON.parse would alter (RFC 7493:
 * unsafe integers, numbers beyond a double, repeated member names, unpaired
 * surrogates) is refused on its own, never stored changed.
 */
export function parseIngestBody(
  body: Uint8Array,
  format: "json" | "ndjson",
  maxEvents: number,
): IngestBody {
  const parsed = format === "json" ? jsonItems(body) : { items: ndjsonItems(body), single: false };
  const items = parsed.items;
  if (items.length === 0) {
    throw new AppError("LOG_EVENT_INVALID", { detail: "the body holds no events" });
  }
  if (items.length > maxEvents) {
    throw new AppError("LOG_BATCH_TOO_LARGE", {
      detail: `at most ${maxEvents} events per request, got ${items.length}`,
    });
  }
  return parsed;
}

function jsonItems(body: Uint8Array): IngestBody {
  let text: string;
  try {
    text = fatalUtf8.decode(body);
  } catch {
    throw new AppError("INVALID_UTF8", { detail: "the body is not valid UTF-8" });
  }
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
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  const array = Array.isArray(value);
  const items: IngestItem[] = values.map((v) => ({ ok: true, value: v }));
  // Defects of an array body belong to the item their path starts in.
  const byItem = new Map<number, IJsonDefect[]>();
  for (const defect of findIJsonDefects(text, Infinity)) {
    const index = array ? defect.path[0] : 0;
    if (typeof index !== "number") {
      throw new AppError("JSON_NOT_INTERCHANGEABLE", { detail: defect.message });
    }
    const list = byItem.get(index) ?? [];
    list.push(array ? { ...defect, path: defect.path.slice(1) } : defect);
    byItem.set(index, list);
  }
  for (const [index, defects] of byItem) items[index] = refused(defects);
  return { items, single: !array };
}

function ndjsonItems(body: Uint8Array): IngestItem[] {
  const items: IngestItem[] = [];
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x0a, start);
    if (end < 0) end = body.length;
    const line = body.subarray(start, end);
    start = end + 1;
    let text: string;
    try {
      text = fatalUtf8.decode(line).trim();
    } catch {
      items.push({
        ok: false,
        code: "INVALID_UTF8",
        errors: [{ path: "", message: "line is not valid UTF-8" }],
      });
      continue;
    }
    if (text === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      items.push({
        ok: false,
        code: "MALFORMED_JSON",
        errors: [{ path: "", message: "line is not valid JSON" }],
      });
      continue;
    }
    const defects = findIJsonDefects(text, MAX_ITEM_ERRORS);
    items.push(defects.length > 0 ? refused(defects) : { ok: true, value });
  }
  return items;
}

function refused(defects: readonly IJsonDefect[]): IngestItem {
  return {
    ok: false,
    code: "JSON_NOT_INTERCHANGEABLE",
    errors: defects.slice(0, MAX_ITEM_ERRORS).map((d) => ({
      path: formatJsonPath(d.path, "").replace(/^\./, ""),
      message: d.message,
    })),
  };
}
