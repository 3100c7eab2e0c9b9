/**
 * Log events as Elasticsearch / OpenSearch documents: nested ECS objects, as
 * Beats and Logstash write them, so events shipped by those tools into the
 * same data streams read back the same way as events sent to the API.
 * @module
 */
import type { LogEvent } from "../../../domain/logs/mod.ts";

/** Every scalar field of the event; `labels` and `attributes` are copied whole. */
const SCALAR_FIELDS = [
  "@timestamp",
  "event.id",
  "event.ingested",
  "message",
  "log.level",
  "service.name",
  "service.environment",
  "event.category",
  "event.action",
  "event.outcome",
  "trace.id",
  "span.id",
  "user.id",
  "source.ip",
  "user_agent.original",
  "http.request.method",
  "url.path",
  "http.response.status_code",
  "error.type",
  "error.message",
  "error.stack_trace",
  "host.name",
] as const satisfies readonly (keyof LogEvent)[];

/** The nested document of an event. */
export function toDocument(event: LogEvent): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const field of SCALAR_FIELDS) {
    const value = event[field];
    if (value === undefined) continue;
    if (field === "@timestamp" || field === "message") {
      doc[field] = value;
      continue;
    }
    const parts = field.split(".");
    let target = doc;
    for (const part of parts.slice(0, -1)) {
      target = (target[part] ??= {}) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = value;
  }
  if (event.labels) doc.labels = event.labels;
  if (event.attributes) doc.attributes = event.attributes;
  return doc;
}

/**
 * An event from a stored document, nested or dotted. Documents written by
 * other shippers may lack fields this service always sets; those fall back
 * to harmless defaults instead of failing the whole page.
 */
export function fromDocument(source: Record<string, unknown>, fallbackId: string): LogEvent {
  const event: Record<string, unknown> = {};
  for (const field of SCALAR_FIELDS) {
    const value = readPath(source, field);
    if (value !== undefined && value !== null) event[field] = value;
  }
  event["event.id"] ??= fallbackId;
  event["event.ingested"] ??= event["@timestamp"];
  event.message ??= "";
  event["log.level"] ??= "info";
  event["event.category"] ??= "app";
  if (isObject(source.labels)) event.labels = source.labels;
  if (isObject(source.attributes)) event.attributes = source.attributes;
  return event as unknown as LogEvent;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readPath(source: Record<string, unknown>, path: string): unknown {
  if (path in source) return source[path];
  for (let i = path.indexOf("."); i >= 0; i = path.indexOf(".", i + 1)) {
    const child = source[path.slice(0, i)];
    if (isObject(child)) {
      const found = readPath(child, path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
