/**
 * Turns a well-formed incoming event into a draft for the chain, applying the
 * rules a schema cannot express: known action types, a bounded clock skew for
 * future timestamps, nothing older than retention, text the database stores
 * byte for byte (no NUL, no lone surrogates), bounded payload size and depth.
 * @module
 */
import { AppError, type FieldError } from "../errors/mod.ts";
import { isStorableText } from "../json/mod.ts";
import { canonicalJson } from "./canonical_json.ts";
import { auditRetentionCutoff } from "./retention_cutoff.ts";
import {
  type ActorType,
  type AuditChanges,
  type AuditEventDraft,
  isActionType,
  type JsonObject,
  type JsonValue,
  type Outcome,
} from "./types.ts";

/** An event as a client sends it, after its shape was validated. */
export interface AuditEventInput {
  readonly id?: string | undefined;
  readonly occurred_at: string;
  readonly tenant_id?: string | null | undefined;
  readonly actor: {
    readonly id: string;
    readonly type: ActorType;
    readonly ip?: string | null | undefined;
    readonly user_agent?: string | null | undefined;
  };
  readonly action: string;
  readonly action_type: string;
  readonly resource: { readonly type: string; readonly id?: string | null | undefined };
  readonly outcome: Outcome;
  readonly reason?: string | null | undefined;
  readonly request_id?: string | null | undefined;
  readonly trace_id?: string | null | undefined;
  readonly changes?: { readonly before?: JsonValue; readonly after?: JsonValue } | null | undefined;
  readonly metadata?: JsonObject | undefined;
}

/** Limits applied to every event. */
export interface AuditEventPolicy {
  /** How far in the future `occurred_at` may be (clock skew between hosts). */
  readonly futureToleranceMs: number;
  /** Events older than this would be dropped at once by retention: refuse them. */
  readonly retentionDays: number;
}

/** Events in one append batch unless configured otherwise (`AUDIT_MAX_BATCH`). */
export const DEFAULT_AUDIT_MAX_BATCH = 1_000;

/** Serialised size limit of `changes` + `metadata`, per event. */
export const MAX_PAYLOAD_BYTES = 32 * 1024;
/** Nesting limit of `changes` and `metadata`. */
export const MAX_PAYLOAD_DEPTH = 8;
/** Tenant of events whose sender names none. */
export const DEFAULT_TENANT = "default";

const encoder = new TextEncoder();
/** A fraction with a non-zero digit after the third. */
const SUB_MILLISECOND = /\.\d{3}\d*[1-9]/;

/** Context of one normalisation: the policy, the clock, who submits, where in the request. */
export interface NormalizeContext extends AuditEventPolicy {
  readonly now: Date;
  readonly newId: () => string;
  readonly recordedBy: string;
  /** Prefix of field-error paths, e.g. `body.events[3]`. */
  readonly path: string;
}

/** The result of normalising one event. */
export type NormalizeResult =
  | { readonly ok: true; readonly draft: AuditEventDraft }
  | { readonly ok: false; readonly error: AppError };

/** Applies the policy to one event; never throws for bad input. */
export function normalizeAuditEvent(
  input: AuditEventInput,
  context: NormalizeContext,
): NormalizeResult {
  const policy = context;
  const at = (field: string) => `${context.path}.${field}`;
  const fail = (
    code: "AUDIT_EVENT_INVALID" | "AUDIT_UNKNOWN_ACTION_TYPE" | "AUDIT_TIMESTAMP_IN_FUTURE",
    error: FieldError,
  ) =>
    ({
      ok: false,
      error: new AppError(code, { detail: `${error.path}: ${error.message}`, errors: [error] }),
    }) as const;

  if (!isActionType(input.action_type)) {
    return fail("AUDIT_UNKNOWN_ACTION_TYPE", {
      path: at("action_type"),
      message: `unknown action type "${input.action_type.slice(0, 64)}"`,
    });
  }
  const occurredMs = Date.parse(input.occurred_at);
  if (Number.isNaN(occurredMs)) {
    return fail("AUDIT_EVENT_INVALID", { path: at("occurred_at"), message: "not a timestamp" });
  }
  if (SUB_MILLISECOND.test(input.occurred_at)) {
    // Stored to the millisecond: finer digits would be dropped, so refuse them.
    return fail("AUDIT_EVENT_INVALID", {
      path: at("occurred_at"),
      message: "more precise than a millisecond (the trail keeps milliseconds)",
    });
  }
  const nowMs = context.now.getTime();
  if (occurredMs > nowMs + policy.futureToleranceMs) {
    return fail("AUDIT_TIMESTAMP_IN_FUTURE", {
      path: at("occurred_at"),
      message: `more than ${Math.round(policy.futureToleranceMs / 1000)} s in the future`,
    });
  }
  if (occurredMs < auditRetentionCutoff(nowMs, policy.retentionDays)) {
    return fail("AUDIT_EVENT_INVALID", {
      path: at("occurred_at"),
      message: `older than the retention period of ${policy.retentionDays} days`,
    });
  }

  const changes: AuditChanges | null = input.changes
    ? { before: input.changes.before ?? null, after: input.changes.after ?? null }
    : null;
  const metadata = input.metadata ?? {};
  const textProblem = findTextProblem(input, at);
  if (textProblem) return fail("AUDIT_EVENT_INVALID", textProblem);
  const payloadProblem = checkPayload({ changes, metadata }, at);
  if (payloadProblem) return fail("AUDIT_EVENT_INVALID", payloadProblem);

  return {
    ok: true,
    draft: {
      id: (input.id ?? context.newId()).toLowerCase(),
      occurred_at: new Date(occurredMs).toISOString(),
      tenant_id: input.tenant_id ?? DEFAULT_TENANT,
      recorded_by: context.recordedBy,
      actor: {
        id: input.actor.id,
        type: input.actor.type,
        ip: input.actor.ip ?? null,
        user_agent: input.actor.user_agent ?? null,
      },
      action: input.action,
      action_type: input.action_type,
      resource: { type: input.resource.type, id: input.resource.id ?? null },
      outcome: input.outcome,
      reason: input.reason ?? null,
      request_id: input.request_id ?? null,
      trace_id: input.trace_id ?? null,
      changes,
      metadata,
    },
  };
}

function findTextProblem(
  input: AuditEventInput,
  at: (field: string) => string,
): FieldError | undefined {
  const fields: [string, string | null | undefined][] = [
    ["id", input.id],
    ["tenant_id", input.tenant_id],
    ["actor.id", input.actor.id],
    ["actor.user_agent", input.actor.user_agent],
    ["action", input.action],
    ["resource.type", input.resource.type],
    ["resource.id", input.resource.id],
    ["reason", input.reason],
    ["request_id", input.request_id],
    ["trace_id", input.trace_id],
  ];
  for (const [field, value] of fields) {
    if (typeof value === "string" && !isStorableText(value)) {
      return { path: at(field), message: "contains NUL or an unpaired surrogate" };
    }
  }
  return undefined;
}

function checkPayload(
  payload: { changes: AuditChanges | null; metadata: JsonObject },
  at: (field: string) => string,
): FieldError | undefined {
  for (const [field, value] of Object.entries(payload)) {
    const problem = inspectJson(value as JsonValue, 0);
    if (problem) return { path: at(field), message: problem };
  }
  let text: string;
  try {
    text = canonicalJson({ changes: payload.changes, metadata: payload.metadata });
  } catch (error) {
    return { path: at("metadata"), message: (error as Error).message };
  }
  if (encoder.encode(text).length > MAX_PAYLOAD_BYTES) {
    return {
      path: at("metadata"),
      message: `changes and metadata exceed ${MAX_PAYLOAD_BYTES} bytes`,
    };
  }
  return undefined;
}

function inspectJson(value: JsonValue, depth: number): string | undefined {
  if (depth > MAX_PAYLOAD_DEPTH) return `nested deeper than ${MAX_PAYLOAD_DEPTH} levels`;
  if (typeof value === "string") {
    return isStorableText(value) ? undefined : "contains NUL or an unpaired surrogate";
  }
  if (typeof value === "number") return Number.isFinite(value) ? undefined : "non-finite number";
  if (value === null || typeof value !== "object") return undefined;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  for (const [key, member] of entries) {
    if (!isStorableText(key)) return "a key contains NUL or an unpaired surrogate";
    const problem = inspectJson(member as JsonValue, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
