import { can } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import type { AuditCaller, AuditDeps } from "./audit_deps.ts";
import { type AuditFilter, checkFilter, describeFilter, trailFilterKey } from "./audit_filter.ts";
import { recordCallerEvent } from "./caller_events.ts";
import type { AuditEvent } from "./types.ts";
import { type DisplayNames, displayNames } from "../users/mod.ts";

/** A request for one page of a user's trail. */
export interface TrailRequest {
  readonly caller: AuditCaller;
  readonly userId: string;
  readonly filter: Omit<AuditFilter, "actor_id">;
  readonly pageSize: number;
  readonly cursor?: string | undefined;
}

/** Counts over the whole filtered trail, not only the page (the plan's audit summary). */
export interface TrailSummary {
  readonly total: number;
  readonly by_action_type: Readonly<Record<string, number>>;
}

/** One page of a trail, newest first. */
export interface TrailPage {
  readonly items: readonly AuditEvent[];
  readonly next_cursor: string | null;
  readonly summary: TrailSummary;
  /** Names of the page's actors and user resources; degraded, never failed, without the user service. */
  readonly display_names: DisplayNames;
}

/**
 * A user's audit trail (the plan's `get_user_audit_trail` and
 * `generate_audit_summary`): users read their own, `audit:read:any` reads
 * anyone's. The read is itself recorded (`audit.read`) before data is
 * returned.
 */
export async function readUserTrail(deps: AuditDeps, request: TrailRequest): Promise<TrailPage> {
  const caller = request.caller;
  const own = request.userId === caller.principal.id;
  if (!own && !can(caller.principal, "audit:read:any")) {
    // Recorded as `access.denied` by the HTTP layer, like every other refusal.
    throw new AppError("FORBIDDEN", { detail: "only your own audit trail is readable" });
  }
  const filter: AuditFilter = checkFilter({ ...request.filter, actor_id: request.userId });
  const binding = { principalId: caller.principal.id, filterKey: trailFilterKey(filter) };
  const beforeSeq = request.cursor ? deps.cursors.open(request.cursor, binding) : undefined;
  const rows = await deps.store.page(filter, { beforeSeq, limit: request.pageSize + 1 });
  const items = rows.slice(0, request.pageSize);
  const byActionType = await deps.store.countByActionType(filter);
  const total = Object.values(byActionType).reduce((sum, n) => sum + n, 0);

  await recordCallerEvent(deps, {
    caller,
    action: "audit.read",
    action_type: "read",
    resource: { type: "audit_trail", id: request.userId },
    outcome: "success",
    metadata: {
      filter: describeFilter(filter),
      rows: items.length,
      total,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    },
  });
  const last = items[items.length - 1];
  const people = items.flatMap((e) => [
    e.actor.id,
    ...(e.resource.type === "user" && e.resource.id ? [e.resource.id] : []),
  ]);
  return {
    items,
    next_cursor: rows.length > request.pageSize && last
      ? deps.cursors.seal(last.seq, binding)
      : null,
    summary: { total, by_action_type: byActionType },
    display_names: await displayNames(deps.users, people),
  };
}
