import { AppError } from "../errors/mod.ts";
import type { CursorCodec } from "./cursor.ts";
import type { LogStore } from "./ports.ts";

/**
 * A store for when none is configured: every call is the store's 503. The
 * routes keep validating input in front of it, so a bad request is still a
 * 400 rather than a 503.
 */
export function unavailableLogStore(detail = "no log store is configured"): LogStore {
  const refuse = () => Promise.reject(new AppError("LOG_STORE_UNAVAILABLE", { detail }));
  return {
    engine: "postgres",
    visibilityLagMs: 0,
    ingest: refuse,
    search: refuse,
    errorGroups: refuse,
    countGroups: refuse,
    releaseSnapshot: () => Promise.resolve(),
    refresh: refuse,
  };
}

/** The cursor codec that goes with {@linkcode unavailableLogStore}. */
export function unavailableCursorCodec(detail = "no log store is configured"): CursorCodec {
  const refuse = () => Promise.reject(new AppError("LOG_STORE_UNAVAILABLE", { detail }));
  return { seal: refuse, open: refuse };
}
