/**
 * The filter shared by trail reads, summaries and exports, and the key a
 * trail cursor is bound to: reusing a cursor with other filters is refused
 * rather than silently returning a wrong page.
 * @module
 */
import { AppError } from "../errors/mod.ts";
import { clampToStorable } from "../time/mod.ts";
import { canonicalJson } from "./canonical_json.ts";
import { sha256Hex } from "../crypto/sha256.ts";
import type { ActionType, JsonObject, Outcome } from "./types.ts";

/** Which events: every member narrows; absent members do not filter. */
export interface AuditFilter {
  readonly actor_id?: string | undefined;
  readonly tenant_id?: string | undefined;
  /** Inclusive lower bound on `occurred_at` (ISO). */
  readonly from?: string | undefined;
  /** Exclusive upper bound on `occurred_at` (ISO). */
  readonly to?: string | undefined;
  readonly action?: string | undefined;
  readonly action_type?: ActionType | undefined;
  readonly resource_type?: string | undefined;
  readonly resource_id?: string | undefined;
  readonly outcome?: Outcome | undefined;
}

/** The filter without absent members, as recorded in audit events about reads. */
export function describeFilter(filter: AuditFilter): JsonObject {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined),
  ) as JsonObject;
}

/**
 * Refuses inverted time ranges, and returns the filter with its bounds in
 * UTC within the storable years (see `clampToStorable`).
 */
export function checkFilter<F extends AuditFilter>(filter: F): F {
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "query.from must be before query.to",
      errors: [{ path: "query.from", message: "must be before query.to" }],
    });
  }
  const bound = (text: string) => clampToStorable(new Date(text)).toISOString();
  return {
    ...filter,
    ...(filter.from ? { from: bound(filter.from) } : {}),
    ...(filter.to ? { to: bound(filter.to) } : {}),
  };
}

/** The filters' identity a trail cursor is bound to (canonical, so member order does not matter). */
export function trailFilterKey(filter: AuditFilter): string {
  return sha256Hex(canonicalJson(describeFilter(filter)));
}
