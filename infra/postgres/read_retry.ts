/**
 * Retries of idempotent reads whose connection failed (refused, reset,
 * closed, server restarting) — never of writes, whose outcome is unknown
 * when the connection broke mid-way, and never of errors the statement
 * itself caused (syntax, timeouts, constraint violations).
 * @module
 */
import type { AuditStore } from "../../domain/audit/mod.ts";
import type { LogStore, SearchHistoryRepository } from "../../domain/logs/mod.ts";
import { withRetries } from "../resilience/mod.ts";

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // The server ended the session: shutting down or starting up, the
  // database dropped, the session idle too long.
  "57P01",
  "57P02",
  "57P03",
  "57P04",
  "57P05",
]);

/** True when the connection failed, not the statement (SQLSTATE class 08 or a socket error). */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return CONNECTION_CODES.has(code) || code.startsWith("08");
}

/** Runs an idempotent read, retrying it `retries` times on connection failures. */
export function retryRead<T>(read: () => Promise<T>, retries: number): Promise<T> {
  if (retries <= 0) return read();
  return withRetries(read, {
    policy: { retries, baseMs: 50, maxMs: 500 },
    retryable: isConnectionFailure,
  });
}

/** The Postgres log store with its searches retried on connection failures; `ingest` is a write. */
export function retryLogStoreReads(store: LogStore, retries: number): LogStore {
  return {
    ...store,
    search: (request) => retryRead(() => store.search(request), retries),
    errorGroups: (filter, size, options) =>
      retryRead(() => store.errorGroups(filter, size, options), retries),
  };
}

/** Search history with its reads retried; `recordRun`, `save` and `unsave` are writes. */
export function retryHistoryReads(
  history: SearchHistoryRepository,
  retries: number,
): SearchHistoryRepository {
  return {
    recordRun: (userId, query, key) => history.recordRun(userId, query, key),
    save: (userId, name, query, key) => history.save(userId, name, query, key),
    findSaved: (userId) => retryRead(() => history.findSaved(userId), retries),
    findFrequent: (userId, limit) => retryRead(() => history.findFrequent(userId, limit), retries),
    unsave: (userId, id) => history.unsave(userId, id),
  };
}

/** The audit store with its reads retried; `append` is a write and is never retried here. */
export function retryAuditReads(store: AuditStore, retries: number): AuditStore {
  return {
    ...store,
    page: (...args) => retryRead(() => store.page(...args), retries),
    exportChunk: (...args) => retryRead(() => store.exportChunk(...args), retries),
    countByActionType: (filter) => retryRead(() => store.countByActionType(filter), retries),
    head: () => retryRead(() => store.head(), retries),
  };
}
