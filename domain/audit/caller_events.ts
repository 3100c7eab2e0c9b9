/**
 * Audit events the service writes about its own users' actions: reads and
 * exports of the trail, verifications, checkpoints, denied requests. They go
 * through the same store, chain and masking as any client's events.
 * @module
 */
import type { Principal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import type { AuditCaller, AuditDeps } from "./audit_deps.ts";
import { DEFAULT_TENANT } from "./event_policy.ts";
import type { ActionType, AuditEventDraft, AuditResource, JsonObject, Outcome } from "./types.ts";

/** What a caller did. */
export interface CallerAction {
  readonly caller: AuditCaller;
  readonly action: string;
  readonly action_type: ActionType;
  readonly resource: AuditResource;
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly metadata: JsonObject;
}

/** The draft of an event performed by `caller`. */
export function callerEvent(
  deps: Pick<AuditDeps, "now" | "newId" | "maskAuditPayload">,
  what: CallerAction,
): AuditEventDraft {
  const caller = what.caller;
  const masked = deps.maskAuditPayload({ changes: null, metadata: what.metadata });
  return {
    id: deps.newId(),
    occurred_at: deps.now().toISOString(),
    tenant_id: DEFAULT_TENANT,
    recorded_by: "system",
    actor: {
      id: caller.principal.id,
      type: caller.principal.roles.includes("service") ? "service" : "user",
      ip: null,
      user_agent: caller.userAgent?.slice(0, 512) || null,
    },
    action: what.action,
    action_type: what.action_type,
    resource: what.resource,
    outcome: what.outcome,
    reason: what.reason ?? null,
    request_id: caller.requestId,
    trace_id: null,
    changes: masked.changes,
    metadata: masked.metadata,
  };
}

/**
 * Appends an event about the caller and fails the request when it cannot be
 * stored: audit data is never served without a record of who read it.
 */
export async function recordCallerEvent(deps: AuditDeps, what: CallerAction): Promise<void> {
  const [outcome] = await deps.store.append([callerEvent(deps, what)]);
  if (outcome?.status !== "created") {
    throw new AppError("AUDIT_STORE_UNAVAILABLE", { detail: "the access could not be recorded" });
  }
}

/**
 * A request that was refused, as the access check reports it. The path is
 * the one asked for, not the route template: it is what an auditor needs.
 */
export interface AccessDenied {
  readonly principal: Principal;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly reason: string;
}

/** Records a refused request as an `access.denied` event (SPEC S8). */
export function recordAccessDenied(deps: AuditDeps, denial: AccessDenied): Promise<void> {
  return recordCallerEvent(deps, {
    caller: { principal: denial.principal, requestId: denial.requestId },
    action: "access.denied",
    action_type: "access",
    resource: { type: "route", id: `${denial.method} ${denial.path}` },
    outcome: "denied",
    reason: denial.reason,
    metadata: {},
  });
}
