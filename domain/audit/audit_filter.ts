/**
 * The filter shared by trail reads, summaries and exports, and the opaque
 * keyset cursor of trail pages. A cursor is bound to its filter: reusing it
 * with other filters is refused rather than silently returning a wrong page.
 * @module
 */
import { AppError } from "../errors/mod.ts";
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

/** Refuses inverted time ranges. */
export function checkFilter(filter: AuditFilter): void {
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) {
    throw new AppError("VALIDATION_FAILED", {
      detail: "query.from must be before query.to",
      errors: [{ path: "query.from", message: "must be before query.to" }],
    });
  }
}

function filterKey(filter: AuditFilter): string {
  return sha256Hex(canonicalJson(describeFilter(filter))).slice(0, 16);
}

/** The cursor of the page after the event at `seq` (pages go newest first). */
export function encodeTrailCursor(seq: number, filter: AuditFilter): string {
  const json = JSON.stringify({ s: seq, f: filterKey(filter) });
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The seq a cursor continues below; throws `AUDIT_CURSOR_INVALID`. */
export function decodeTrailCursor(cursor: string, filter: AuditFilter): number {
  const invalid = (detail: string) => new AppError("AUDIT_CURSOR_INVALID", { detail });
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    throw invalid("cursor is not one this service issued");
  }
  const { s, f } = (parsed ?? {}) as { s?: unknown; f?: unknown };
  if (typeof s !== "number" || !Number.isSafeInteger(s) || s < 1 || typeof f !== "string") {
    throw invalid("cursor is not one this service issued");
  }
  if (f !== filterKey(filter)) throw invalid("cursor was issued for other filters");
  return s;
}
