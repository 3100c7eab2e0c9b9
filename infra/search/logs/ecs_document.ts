/**
 * Log events as Elasticsearch / OpenSearch documents: nested ECS objects, as
 * Beats and Logstash write them, so events shipped by those tools into the
 * same data streams read back the same way as events sent to the API.
 * @module
 */
import {
  isPlainObject,
  type LogEvent,
  readFieldPath,
  SCALAR_FIELDS,
} from "../../../domain/logs/mod.ts";

/**
 * Where each scalar field goes in the nested document, split once rather
 * than for every field of every event written. `@timestamp` and `message`
 * stay top-level as ECS has them.
 */
const NESTED_PATHS = SCALAR_FIELDS.map((field) => {
  const parts = field === "@timestamp" || field === "message" ? [field] : field.split(".");
  return { field, parents: parts.slice(0, -1), leaf: parts[parts.length - 1]! };
});

/** The nested document of an event. */
export function toDocument(event: LogEvent): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const { field, parents, leaf } of NESTED_PATHS) {
    const value = event[field];
    if (value === undefined) continue;
    let target = doc;
    for (const part of parents) {
      target = (target[part] ??= {}) as Record<string, unknown>;
    }
    target[leaf] = value;
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
  for (const { field, parents, leaf } of NESTED_PATHS) {
    // The layout `toDocument` writes first; any other spelling by the general walk.
    let value = readNested(source, parents, leaf);
    if (value === undefined) value = readFieldPath(source, field);
    if (value !== undefined && value !== null) event[field] = value;
  }
  event["event.id"] ??= fallbackId;
  event["event.ingested"] ??= event["@timestamp"];
  event.message ??= "";
  event["log.level"] ??= "info";
  event["event.category"] ??= "app";
  if (isPlainObject(source.labels)) event.labels = source.labels;
  if (isPlainObject(source.attributes)) event.attributes = source.attributes;
  return event as unknown as LogEvent;
}

/** `source.a.b.leaf` for `parents` `[a, b]`, or `undefined` when a step is missing. */
function readNested(
  source: Record<string, unknown>,
  parents: readonly string[],
  leaf: string,
): unknown {
  let node: unknown = source;
  for (let i = 0; i < parents.length; i++) {
    if (!isPlainObject(node)) return undefined;
    node = node[parents[i]!];
  }
  return isPlainObject(node) ? node[leaf] : undefined;
}
