/**
 * Mapping between `audit_log` rows and domain events. Timestamps come back as
 * `Date` and go out as ISO text with milliseconds, the form that is hashed.
 * @module
 */
import {
  AUDIT_RECORD_FIELDS,
  type AuditEvent,
  type JsonObject,
  type JsonValue,
} from "../../../domain/audit/mod.ts";
import type postgres from "postgres";
import type { Sql } from "../client.ts";

/** The pool or a transaction: whatever runs queries. */
export type Queryable = postgres.ISql | Sql;

/** Columns of `audit_log`, in table order. */
export const AUDIT_COLUMNS = AUDIT_RECORD_FIELDS;

/** A row as the driver returns it (`int8` arrives as text). */
export interface AuditRow {
  readonly seq: string | number;
  readonly id: string;
  readonly occurred_at: Date;
  readonly recorded_at: Date;
  readonly recorded_by: string;
  readonly tenant_id: string;
  readonly actor_id: string;
  readonly actor_type: AuditEvent["actor"]["type"];
  readonly actor_ip: string | null;
  readonly actor_user_agent: string | null;
  readonly action: string;
  readonly action_type: AuditEvent["action_type"];
  readonly resource_type: string;
  readonly resource_id: string | null;
  readonly outcome: AuditEvent["outcome"];
  readonly reason: string | null;
  readonly request_id: string | null;
  readonly trace_id: string | null;
  readonly changes: { before: JsonValue; after: JsonValue } | null;
  readonly metadata: JsonObject;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The select list of every audit read. */
export function auditColumns(sql: Queryable) {
  return sql([...AUDIT_COLUMNS]);
}

export function rowToEvent(row: AuditRow): AuditEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurred_at: row.occurred_at.toISOString(),
    recorded_at: row.recorded_at.toISOString(),
    recorded_by: row.recorded_by,
    tenant_id: row.tenant_id,
    actor: {
      id: row.actor_id,
      type: row.actor_type,
      ip: row.actor_ip,
      user_agent: row.actor_user_agent,
    },
    action: row.action,
    action_type: row.action_type,
    resource: { type: row.resource_type, id: row.resource_id },
    outcome: row.outcome,
    reason: row.reason,
    request_id: row.request_id,
    trace_id: row.trace_id,
    changes: row.changes,
    metadata: row.metadata,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Events as one array per column, for a single `insert … select from
 * unnest(…)`: a fixed number of parameters whatever the batch size, and much
 * faster than a multi-row VALUES list.
 */
export function eventsToColumns(events: readonly AuditEvent[]) {
  return {
    seq: events.map((e) => e.seq),
    id: events.map((e) => e.id),
    occurred_at: events.map((e) => e.occurred_at),
    recorded_at: events.map((e) => e.recorded_at),
    recorded_by: events.map((e) => e.recorded_by),
    tenant_id: events.map((e) => e.tenant_id),
    actor_id: events.map((e) => e.actor.id),
    actor_type: events.map((e) => e.actor.type),
    actor_ip: events.map((e) => e.actor.ip),
    actor_user_agent: events.map((e) => e.actor.user_agent),
    action: events.map((e) => e.action),
    action_type: events.map((e) => e.action_type),
    resource_type: events.map((e) => e.resource.type),
    resource_id: events.map((e) => e.resource.id),
    outcome: events.map((e) => e.outcome),
    reason: events.map((e) => e.reason),
    request_id: events.map((e) => e.request_id),
    trace_id: events.map((e) => e.trace_id),
    changes: events.map((e) => (e.changes === null ? null : JSON.stringify(e.changes))),
    metadata: events.map((e) => JSON.stringify(e.metadata)),
    prev_hash: events.map((e) => e.prev_hash),
    hash: events.map((e) => e.hash),
  };
}

/** Inserts linked events into `table` (same columns as `audit_log`) in one statement. */
export async function insertEvents(
  sql: Queryable,
  events: readonly AuditEvent[],
  options: { readonly table?: string } = {},
): Promise<void> {
  const table = options.table ?? "audit_log";
  if (events.length === 0) return;
  const c = eventsToColumns(events);
  await sql`
    insert into ${sql(table)} (${sql([...AUDIT_COLUMNS])})
    select seq, id, occurred_at, recorded_at, recorded_by, tenant_id, actor_id, actor_type,
           actor_ip, actor_user_agent, action, action_type, resource_type, resource_id, outcome,
           reason, request_id, trace_id, changes::jsonb, metadata::jsonb, prev_hash, hash
      from unnest(
        ${c.seq}::int8[], ${c.id}::uuid[], ${c.occurred_at}::timestamptz[],
        ${c.recorded_at}::timestamptz[], ${c.recorded_by}::text[], ${c.tenant_id}::text[],
        ${c.actor_id}::text[], ${c.actor_type}::text[], ${c.actor_ip}::text[],
        ${c.actor_user_agent}::text[], ${c.action}::text[], ${c.action_type}::text[],
        ${c.resource_type}::text[], ${c.resource_id}::text[], ${c.outcome}::text[],
        ${c.reason}::text[], ${c.request_id}::text[], ${c.trace_id}::text[],
        ${c.changes}::text[], ${c.metadata}::text[], ${c.prev_hash}::text[], ${c.hash}::text[]
      ) as t (seq, id, occurred_at, recorded_at, recorded_by, tenant_id, actor_id, actor_type,
              actor_ip, actor_user_agent, action, action_type, resource_type, resource_id,
              outcome, reason, request_id, trace_id, changes, metadata, prev_hash, hash)`;
}
