/**
 * The audit event of SPEC S5.2, as the domain sees it. Timestamps are ISO 8601
 * strings in UTC with millisecond precision (`2025-03-01T12:00:00.000Z`):
 * exactly the text that is hashed, so a value read back from the database
 * hashes to the same digest as the value written.
 * @module
 */

/** What kind of thing an action does; a closed list so reports can group by it. */
export const ACTION_TYPES = [
  "create",
  "read",
  "update",
  "delete",
  "login",
  "logout",
  "export",
  "import",
  "permission_change",
  "config_change",
  "access",
  "verify",
  "checkpoint",
  "retention",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTOR_TYPES = ["user", "service", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const OUTCOMES = ["success", "failure", "denied"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Any JSON value (what `jsonb` columns hold). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

export interface AuditActor {
  readonly id: string;
  readonly type: ActorType;
  readonly ip: string | null;
  readonly user_agent: string | null;
}

export interface AuditResource {
  readonly type: string;
  readonly id: string | null;
}

/**
 * Before/after images of a change, masked before they are hashed and stored.
 * A type alias, not an interface, so it is assignable to {@linkcode JsonValue}.
 */
export type AuditChanges = {
  readonly before: JsonValue;
  readonly after: JsonValue;
};

/** An event accepted for the chain but not linked yet (no seq, no hashes). */
export interface AuditEventDraft {
  /** UUID (v7 when generated here), lower case; the idempotency key of the event. */
  readonly id: string;
  readonly occurred_at: string;
  readonly tenant_id: string;
  /** Who handed the event to the service (token subject, or `system`). */
  readonly recorded_by: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly action_type: ActionType;
  readonly resource: AuditResource;
  readonly outcome: Outcome;
  readonly reason: string | null;
  readonly request_id: string | null;
  readonly trace_id: string | null;
  readonly changes: AuditChanges | null;
  readonly metadata: JsonObject;
}

/** A stored, linked event: the row of `audit_log`. */
export interface AuditEvent extends AuditEventDraft {
  /** Position in the chain: 1, 2, 3, … with no gaps. */
  readonly seq: number;
  readonly recorded_at: string;
  /** `hash` of the event at `seq - 1`, or {@linkcode GENESIS_HASH} for seq 1. */
  readonly prev_hash: string;
  readonly hash: string;
}

/** The newest link of the chain. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** The `prev_hash` of the first event: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/** True when `value` is one of the known action types. */
export function isActionType(value: string): value is ActionType {
  return (ACTION_TYPES as readonly string[]).includes(value);
}
