import { can, type Principal, readableServices } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import { clampToStorable } from "../time/mod.ts";
import { SERVICE_NAME } from "./event_limits.ts";
import {
  isLogCategory,
  isLogLevel,
  LOG_CATEGORIES,
  type LogCategory,
  type LogLevel,
} from "./log_event.ts";
import { queryToString } from "./query_ast.ts";
import { parseQuery } from "./query_parser.ts";
import type { LogFilter, LogOrder } from "./search_filter.ts";

/** Search parameters as a client sends them (already shaped, not yet trusted). */
export interface LogSearchInput {
  readonly q?: string;
  readonly service?: readonly string[];
  readonly level?: readonly string[];
  readonly category?: string;
  readonly from?: string;
  readonly to?: string;
  readonly trace_id?: string;
  readonly user_id?: string;
  readonly sort?: "newest" | "oldest";
  readonly page_size?: number;
}

/** Bounds from configuration (SPEC S8). */
export interface SearchLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  readonly defaultRangeMs: number;
  readonly maxRangeMs: number;
  /** Totals are exact up to this many hits, then reported as "at least". */
  readonly totalBound: number;
}

/** The limits of SPEC S8 as shipped; configuration may change each. */
export const DEFAULT_SEARCH_LIMITS: SearchLimits = {
  defaultPageSize: 50,
  maxPageSize: 500,
  defaultRangeMs: 15 * 60_000,
  maxRangeMs: 31 * 86_400_000,
  totalBound: 10_000,
};

/** The canonical form of a search: what history stores and cursors are bound to. */
export interface NormalizedSearch {
  readonly q?: string;
  readonly service?: readonly string[];
  readonly level?: readonly LogLevel[];
  readonly category?: LogCategory;
  readonly from?: string;
  readonly to?: string;
  readonly trace_id?: string;
  readonly user_id?: string;
  readonly sort: "newest" | "oldest";
}

/** A validated search, ready for a store. */
export interface PreparedSearch {
  readonly filter: LogFilter;
  readonly order: LogOrder;
  readonly pageSize: number;
  readonly normalized: NormalizedSearch;
  /** Stable text of `normalized` (sorted keys). */
  readonly key: string;
}

/** A trace or user id as a search filter takes it. */
export const ID_FILTER = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * Validates and bounds a search and applies the caller's access scope:
 * categories their roles may read (asking for another is a 403) and services
 * their token allows (others are left out). Anything out of bounds is a
 * coded 400 — all before any store is called.
 */
export function prepareSearch(
  principal: Principal,
  input: LogSearchInput,
  options: { limits: SearchLimits; now: Date; forceCategory?: LogCategory },
): PreparedSearch {
  const { limits, now } = options;
  const pageSize = input.page_size ?? limits.defaultPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new AppError("LOG_QUERY_INVALID", { detail: "page_size must be a positive integer" });
  }
  if (pageSize > limits.maxPageSize) {
    throw new AppError("LOG_PAGE_SIZE_TOO_LARGE", {
      detail: `page_size must be at most ${limits.maxPageSize}`,
    });
  }
  const text = parseQuery(input.q ?? "");
  const { from, to } = timeRange(input.from, input.to, limits, now);
  const requestedCategory = options.forceCategory ?? category(input.category);
  const categories = readableCategories(principal, requestedCategory);
  const services = serviceScope(principal, distinct(input.service ?? []).map(serviceName));
  const levels = distinct(input.level ?? []).map(level);
  const traceId = idValue("trace_id", input.trace_id);
  const userId = idValue("user_id", input.user_id);
  const sort = input.sort ?? "newest";

  const normalized: NormalizedSearch = {
    ...(text ? { q: queryToString(text) } : {}),
    ...(input.service?.length ? { service: distinct(input.service).sort() } : {}),
    ...(levels.length ? { level: [...levels].sort() } : {}),
    ...(requestedCategory ? { category: requestedCategory } : {}),
    ...(input.from ? { from: from.toISOString() } : {}),
    ...(input.to ? { to: to.toISOString() } : {}),
    ...(traceId ? { trace_id: traceId } : {}),
    ...(userId ? { user_id: userId } : {}),
    sort,
  };
  const filter: LogFilter = {
    from,
    to,
    categories,
    ...(services ? { services } : {}),
    ...(levels.length ? { levels } : {}),
    ...(traceId ? { traceId } : {}),
    ...(userId ? { userId } : {}),
    ...(text ? { text } : {}),
  };
  return { filter, order: sort, pageSize, normalized, key: searchKey(normalized) };
}

/** Sorted-key JSON of a normalized search, so equal searches have equal keys. */
export function searchKey(normalized: NormalizedSearch): string {
  const sorted = Object.fromEntries(
    Object.entries(normalized).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
  );
  return JSON.stringify(sorted);
}

function timeRange(
  fromText: string | undefined,
  toText: string | undefined,
  limits: SearchLimits,
  now: Date,
): { from: Date; to: Date } {
  const to = toText ? instant("to", toText) : now;
  const from = fromText
    ? instant("from", fromText)
    : new Date(to.getTime() - limits.defaultRangeMs);
  if (from.getTime() > to.getTime()) {
    throw new AppError("LOG_QUERY_INVALID", { detail: "from must not be after to" });
  }
  if (to.getTime() - from.getTime() > limits.maxRangeMs) {
    throw new AppError("LOG_TIME_RANGE_TOO_WIDE", {
      detail: `the time range may span at most ${describeMs(limits.maxRangeMs)}`,
    });
  }
  return { from: clampToStorable(from), to: clampToStorable(to) };
}

function instant(name: string, text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)
    ? new Date(text)
    : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new AppError("LOG_QUERY_INVALID", {
      detail: `${name} must be an ISO 8601 date or date-time`,
    });
  }
  return date;
}

function describeMs(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48 && hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

function category(value: string | undefined): LogCategory | undefined {
  if (value === undefined) return undefined;
  if (!isLogCategory(value)) {
    throw new AppError("LOG_QUERY_INVALID", { detail: "category must be app, error or security" });
  }
  return value;
}

/** The requested category if readable, else every readable one; none readable is a 403. */
function readableCategories(principal: Principal, requested?: LogCategory): LogCategory[] {
  const readable = LOG_CATEGORIES.filter((c) => can(principal, `logs:read:${c}`));
  if (requested) {
    if (!readable.includes(requested)) {
      throw new AppError("FORBIDDEN", { detail: `your roles do not allow ${requested} logs` });
    }
    return [requested];
  }
  if (readable.length === 0) throw new AppError("FORBIDDEN");
  return readable;
}

/**
 * Services to restrict to: `undefined` for all, else the requested ones the
 * token allows (or all it allows when none were requested). Services outside
 * the token are left out rather than refused, as document-level security
 * does: an empty list matches nothing.
 */
function serviceScope(principal: Principal, requested: string[]): string[] | undefined {
  const allowed = readableServices(principal);
  if (allowed === "all") return requested.length ? requested : undefined;
  if (requested.length === 0) return [...allowed];
  return requested.filter((s) => allowed.includes(s));
}

/** Validates a service name; the same rule ingestion applies. */
export function serviceName(value: string): string {
  if (!SERVICE_NAME.test(value)) {
    throw new AppError("LOG_QUERY_INVALID", {
      detail: `"${
        value.slice(0, 64)
      }" is not a service name (lowercase letters, digits, '.', '_', '-')`,
    });
  }
  return value;
}

function level(value: string): LogLevel {
  const lower = value.toLowerCase();
  if (!isLogLevel(lower)) {
    throw new AppError("LOG_QUERY_INVALID", {
      detail: "level must be trace, debug, info, warn, error or fatal",
    });
  }
  return lower;
}

function idValue(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!ID_FILTER.test(value)) {
    throw new AppError("LOG_QUERY_INVALID", { detail: `${name} has characters not allowed` });
  }
  return value;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
