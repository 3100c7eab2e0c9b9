/**
 * Audit events the service writes about its own users' actions: reads and
 * exports of the trail, verifications, checkpoints, denied requests. They go
 * through the same store, chain and masking as any client's events.
 * @module
 */
import type { Principal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import { recordableText } from "../json/mod.ts";
import type { AuditCaller, AuditDeps } from "./audit_deps.ts";
import { DEFAULT_TENANT, MAX_PAYLOAD_DEPTH } from "./event_policy.ts";
import type {
  ActionType,
  AuditEventDraft,
  AuditResource,
  JsonObject,
  JsonValue,
  Outcome,
} from "./types.ts";

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

/**
 * The draft of an event performed by `caller`. What came with the request
 * (the token's subject, the path asked for, the user agent, filter values)
 * is made storable and bounded, so recording never fails on hostile input:
 * a refused request is always in the trail, whatever it contained.
 */
export function callerEvent(
  deps: Pick<AuditDeps, "now" | "newId" | "maskAuditPayload">,
  what: CallerAction,
): AuditEventDraft {
  const caller = what.caller;
  const masked = deps.maskAuditPayload({
    changes: null,
    metadata: recordableJson(what.metadata, 0) as JsonObject,
  });
  return {
    id: deps.newId(),
    occurred_at: deps.now().toISOString(),
    tenant_id: DEFAULT_TENANT,
    recorded_by: "system",
    actor: {
      id: recordableText(caller.principal.id, 256),
      type: caller.principal.roles.includes("service") ? "service" : "user",
      ip: null,
      user_agent: caller.userAgent ? recordableText(caller.userAgent, 512) : null,
    },
    action: what.action,
    action_type: what.action_type,
    resource: {
      type: recordableText(what.resource.type, 128),
      id: what.resource.id === null ? null : recordableText(what.resource.id, 256),
    },
    outcome: what.outcome,
    reason: what.reason === undefined ? null : recordableText(what.reason, 1024),
    request_id: recordableText(caller.requestId, 128),
    trace_id: null,
    changes: masked.changes,
    metadata: masked.metadata,
  };
}

/** Strings and member names of the service's own metadata, made storable. */
function recordableJson(value: JsonValue, depth: number): JsonValue {
  if (typeof value === "string") return recordableText(value, 1024);
  if (value === null || typeof value !== "object" || depth > MAX_PAYLOAD_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => recordableJson(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [recordableText(k, 128), recordableJson(v, depth + 1)]),
  );
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
