import { LABEL_KEY } from "./event_limits.ts";
import { EVENT_OUTCOMES, LOG_CATEGORIES, LOG_LEVELS, type LogEvent } from "./log_event.ts";

/** How a filterable field compares: exact keyword, or number with ranges. */
export type FieldKind = "keyword" | "number" | "enum";

/** A field users may name in `field:value`, and how it behaves. */
export interface FieldSpec {
  /** The canonical ECS name, also the name in the stored event. */
  readonly name: FilterField;
  readonly kind: FieldKind;
  /** For `enum` fields: the accepted (lowercase) values. */
  readonly values?: readonly string[];
}

/** Keyword or numeric fields of the event that filters may name. */
export type FilterField =
  | Extract<
    keyof LogEvent,
    | "service.name"
    | "service.environment"
    | "log.level"
    | "event.category"
    | "event.action"
    | "event.outcome"
    | "event.id"
    | "trace.id"
    | "span.id"
    | "user.id"
    | "source.ip"
    | "http.request.method"
    | "url.path"
    | "http.response.status_code"
    | "error.type"
    | "host.name"
  >
  | `labels.${string}`;

const FIELDS: readonly FieldSpec[] = [
  { name: "service.name", kind: "keyword" },
  { name: "service.environment", kind: "keyword" },
  { name: "log.level", kind: "enum", values: LOG_LEVELS },
  { name: "event.category", kind: "enum", values: LOG_CATEGORIES },
  { name: "event.action", kind: "keyword" },
  { name: "event.outcome", kind: "enum", values: EVENT_OUTCOMES },
  { name: "event.id", kind: "keyword" },
  { name: "trace.id", kind: "keyword" },
  { name: "span.id", kind: "keyword" },
  { name: "user.id", kind: "keyword" },
  { name: "source.ip", kind: "keyword" },
  { name: "http.request.method", kind: "keyword" },
  { name: "url.path", kind: "keyword" },
  { name: "http.response.status_code", kind: "number" },
  { name: "error.type", kind: "keyword" },
  { name: "host.name", kind: "keyword" },
];

/** Short names people type, as in Kibana and Graylog. */
const ALIASES: Readonly<Record<string, FilterField>> = {
  service: "service.name",
  env: "service.environment",
  environment: "service.environment",
  level: "log.level",
  category: "event.category",
  action: "event.action",
  outcome: "event.outcome",
  trace: "trace.id",
  user: "user.id",
  ip: "source.ip",
  method: "http.request.method",
  path: "url.path",
  status: "http.response.status_code",
  host: "host.name",
};

const BY_NAME = new Map(FIELDS.map((spec) => [spec.name as string, spec]));

/**
 * The allowlist: the spec of a field a query may filter on, or `undefined`.
 * Anything else — `_index`, `script`, `message` with a colon, the free-form
 * `attributes` — is refused before a store sees it.
 */
export function filterFieldSpec(name: string): FieldSpec | undefined {
  const canonical = ALIASES[name] ?? name;
  const known = BY_NAME.get(canonical);
  if (known) return known;
  if (canonical.startsWith("labels.")) {
    const key = canonical.slice("labels.".length);
    if (LABEL_KEY.test(key)) return { name: `labels.${key}`, kind: "keyword" };
  }
  return undefined;
}

/** Canonical names of every allowed field, for error messages and docs. */
export function allowedFieldNames(): string[] {
  return [...FIELDS.map((f) => f.name as string), "labels.<key>"];
}
