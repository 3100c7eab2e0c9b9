import type { FieldError } from "../errors/mod.ts";
import { findUnstorableText, formatJsonPath } from "../json/mod.ts";
import {
  EVENT_ID,
  EVENT_LIMITS,
  LABEL_KEY,
  OPTIONAL_STRING_LIMITS as STRING_LIMITS,
  SERVICE_NAME,
} from "./event_limits.ts";
import { isPlainObject, readFieldPath, readFlatFields } from "./field_path.ts";
import { LOG_RETENTION_DAYS, retentionCutoff } from "./log_retention.ts";
import {
  defaultCategory,
  EVENT_OUTCOMES,
  type EventOutcome,
  isLogCategory,
  type LogCategory,
  type LogEvent,
  type LogLevel,
  OPTIONAL_STRING_FIELDS,
  type OptionalStringField,
  SCALAR_FIELDS,
} from "./log_event.ts";

/** What parsing one event needs from outside: the clock and an id source. */
export interface EventParseContext {
  readonly now: Date;
  readonly newId: () => string;
}

export type EventParseResult =
  | { readonly ok: true; readonly event: LogEvent }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Every spelling of a level the parser accepts (case-insensitive), and the level it means. */
export const LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  information: "info",
  notice: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  err: "error",
  fatal: "fatal",
  critical: "fatal",
  crit: "fatal",
  emergency: "fatal",
};

/** Fields the parser consumes; any other member is kept under `attributes`. */
const KNOWN_PATHS = new Set<string>([...SCALAR_FIELDS, "labels", "attributes"]);
/** Every proper prefix of a known path (`http`, `http.response`, …). */
const KNOWN_PREFIXES = new Set(
  [...KNOWN_PATHS].flatMap((path) =>
    path.split(".").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("."))
  ),
);

/**
 * Validates one incoming event and returns it in the stored shape. Both ECS
 * spellings are accepted — dotted keys (`"log.level"`, as ECS loggers write)
 * and nested objects (as Filebeat ships) — and fields the schema does not know
 * are kept under `attributes` rather than refused or mapped dynamically.
 */
export function parseLogEvent(raw: unknown, ctx: EventParseContext): EventParseResult {
  if (!isPlainObject(raw)) {
    return { ok: false, errors: [{ path: "", message: "must be a JSON object" }] };
  }
  // NUL or an unpaired surrogate anywhere (keys included) would fail or
  // alter the store's write; the event is refused on its own instead.
  const unstorable = findUnstorableText(raw, EVENT_LIMITS.attributesDepth + 4);
  if (unstorable) {
    return {
      ok: false,
      errors: [{
        path: formatJsonPath(unstorable, "").replace(/^\./, ""),
        message: "contains NUL or an unpaired surrogate",
      }],
    };
  }
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => {
    errors.push({ path, message });
    return undefined;
  };
  // Dotted events (the common case) are read in one pass over their keys.
  const flat = readFlatFields(raw, KNOWN_PATHS, KNOWN_PREFIXES);
  const read = flat
    ? (path: string) => flat.known.get(path)
    : (path: string) => readFieldPath(raw, path);

  const id = optionalString(read("event.id"), "event.id", EVENT_LIMITS.idChars, fail);
  if (id !== undefined && !EVENT_ID.test(id)) fail("event.id", "must match " + EVENT_ID.source);
  const message = requiredString(read("message"), "message", EVENT_LIMITS.messageChars, fail);
  const level = parseLevel(read("log.level"), fail);
  const service = requiredString(
    read("service.name"),
    "service.name",
    EVENT_LIMITS.shortStringChars,
    fail,
  );
  if (service !== undefined && !SERVICE_NAME.test(service)) {
    fail("service.name", "must be lowercase letters, digits, '.', '_' or '-' (max 63)");
  }
  const category = parseCategory(read("event.category"), level, fail);
  const timestamp = parseTimestamp(read("@timestamp"), ctx.now, category, fail);
  const outcome = parseOutcome(read("event.outcome"), fail);
  const status = parseStatus(read("http.response.status_code"), fail);
  const strings: Partial<Record<OptionalStringField, string>> = {};
  for (const field of OPTIONAL_STRING_FIELDS) {
    const value = optionalString(read(field), field, STRING_LIMITS[field], fail);
    if (value !== undefined && value !== "") strings[field] = value;
  }
  if (strings["http.request.method"]) {
    strings["http.request.method"] = strings["http.request.method"].toUpperCase();
  }
  const labels = parseLabels(read("labels"), fail);
  const extra = flat ? flat.other : extraFields(raw);
  const attributes = parseAttributes(read("attributes"), extra, fail);

  if (errors.length > 0 || message === undefined || service === undefined) {
    return { ok: false, errors };
  }
  const event: LogEvent = {
    "event.id": id ?? ctx.newId(),
    "@timestamp": timestamp!,
    "event.ingested": ctx.now.toISOString(),
    message,
    "log.level": level!,
    "service.name": service,
    "event.category": category!,
    ...strings,
    ...(outcome ? { "event.outcome": outcome } : {}),
    ...(status !== undefined ? { "http.response.status_code": status } : {}),
    ...(labels ? { labels } : {}),
    ...(attributes ? { attributes } : {}),
  };
  return { ok: true, event };
}

type Fail = (path: string, message: string) => undefined;

function requiredString(value: unknown, path: string, max: number, fail: Fail) {
  if (value === undefined || value === null || value === "") return fail(path, "is required");
  return optionalString(value, path, max, fail);
}

function optionalString(value: unknown, path: string, max: number, fail: Fail) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") return fail(path, "must be a string");
  if (value.length > max) return fail(path, `must be at most ${max} characters`);
  return value;
}

function parseTimestamp(
  value: unknown,
  now: Date,
  category: LogCategory | undefined,
  fail: Fail,
): string | undefined {
  if (value === undefined || value === null) return now.toISOString();
  const date = typeof value === "number"
    ? new Date(value)
    : typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)
    ? new Date(value)
    : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    return fail("@timestamp", "must be an ISO 8601 date-time or epoch milliseconds");
  }
  // An event the stores would delete at once is refused: accepted, it would vanish within the
  // hour and a retry would be stored again.
  if (category !== undefined && date.getTime() < retentionCutoff(category, now.getTime())) {
    const days = LOG_RETENTION_DAYS[category];
    return fail("@timestamp", `is older than the ${days}-day retention of ${category} events`);
  }
  if (date.getTime() - now.getTime() > EVENT_LIMITS.maxFutureMinutes * 60_000) {
    return fail("@timestamp", `is more than ${EVENT_LIMITS.maxFutureMinutes} minutes ahead`);
  }
  // Dates hold milliseconds: every store keeps exactly that precision, so
  // sorting and cursors agree across them.
  return date.toISOString();
}

function parseLevel(value: unknown, fail: Fail): LogLevel | undefined {
  if (value === undefined || value === null) return "info";
  const level = typeof value === "string" ? LEVEL_ALIASES[value.toLowerCase()] : undefined;
  return level ?? fail("log.level", "must be one of trace, debug, info, warn, error, fatal");
}

function parseCategory(
  value: unknown,
  level: LogLevel | undefined,
  fail: Fail,
): LogCategory | undefined {
  if (value === undefined || value === null) return defaultCategory(level ?? "info");
  const lower = typeof value === "string" ? value.toLowerCase() : value;
  if (lower === "application") return "app";
  return isLogCategory(lower) ? lower : fail("event.category", "must be app, error or security");
}

function parseOutcome(value: unknown, fail: Fail): EventOutcome | undefined {
  if (value === undefined || value === null) return undefined;
  return (EVENT_OUTCOMES as readonly unknown[]).includes(value)
    ? value as EventOutcome
    : fail("event.outcome", "must be success, failure or unknown");
}

function parseStatus(value: unknown, fail: Fail): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "string" && /^\d{3}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 100 || number > 599) {
    return fail("http.response.status_code", "must be an integer from 100 to 599");
  }
  return number;
}

function parseLabels(value: unknown, fail: Fail): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) return fail("labels", "must be an object of strings");
  const entries = Object.entries(value);
  if (entries.length > EVENT_LIMITS.labels) {
    return fail("labels", `at most ${EVENT_LIMITS.labels} labels`);
  }
  const labels: Record<string, string> = {};
  for (const [key, raw] of entries) {
    if (!LABEL_KEY.test(key)) return fail(`labels.${key}`, "key must match " + LABEL_KEY.source);
    const text = typeof raw === "string"
      ? raw
      : typeof raw === "number" || typeof raw === "boolean"
      ? String(raw)
      : undefined;
    if (text === undefined) return fail(`labels.${key}`, "must be a string, number or boolean");
    if (text.length > EVENT_LIMITS.labelValueChars) {
      return fail(`labels.${key}`, `must be at most ${EVENT_LIMITS.labelValueChars} characters`);
    }
    labels[key] = text;
  }
  return entries.length > 0 ? labels : undefined;
}

/**
 * Members outside the schema (`process.pid`, `log.logger`, `ecs.version`, …),
 * keyed by their dotted path, whether they came dotted or nested.
 */
function extraFields(
  source: Record<string, unknown>,
  prefix = "",
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (KNOWN_PATHS.has(path)) continue;
    if (isPlainObject(value) && isPrefixOfKnown(path)) extraFields(value, path, out);
    else out[path] = value;
  }
  return out;
}

function isPrefixOfKnown(path: string): boolean {
  return KNOWN_PREFIXES.has(path);
}

function parseAttributes(
  value: unknown,
  extra: Record<string, unknown>,
  fail: Fail,
): Record<string, unknown> | undefined {
  if (value !== undefined && value !== null && !isPlainObject(value)) {
    return fail("attributes", "must be an object");
  }
  const merged = { ...extra, ...(value as Record<string, unknown> | undefined) };
  if (Object.keys(merged).length === 0) return undefined;
  if (depthOf(merged, 0) > EVENT_LIMITS.attributesDepth) {
    return fail("attributes", `nesting deeper than ${EVENT_LIMITS.attributesDepth} levels`);
  }
  if (longerInUtf8(JSON.stringify(merged), EVENT_LIMITS.attributesJsonBytes)) {
    return fail("attributes", `larger than ${EVENT_LIMITS.attributesJsonBytes} bytes`);
  }
  return merged;
}

const encoder = new TextEncoder();

/**
 * Whether `text` takes more than `limit` bytes in UTF-8, encoded only when
 * its length leaves that in doubt: every code unit takes one to three bytes.
 */
function longerInUtf8(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return encoder.encode(text).length > limit;
}

function depthOf(value: unknown, depth: number): number {
  if (depth > EVENT_LIMITS.attributesDepth) return depth;
  if (typeof value !== "object" || value === null) return depth;
  let max = depth + 1;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}
