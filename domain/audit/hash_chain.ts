/**
 * The hash chain: `hash = SHA-256(canonical JSON of every field of the event,
 * timestamps, seq and prev_hash included)`. Unlike schemes that hash a chosen
 * subset of fields, no stored field can change without changing the hash, and
 * each hash covers the previous one, so no event can be edited, dropped,
 * inserted or moved without breaking a link.
 * @module
 */
import { canonicalJson, canonicalString } from "./canonical_json.ts";
import { type Sha256Hex, sha256Hex } from "../crypto/sha256.ts";
import type { AuditEvent, AuditEventDraft, ChainHead } from "./types.ts";

/** Version of the hashed document's layout; part of every hash. */
export const CHAIN_FORMAT_VERSION = 1;

/**
 * The document that is hashed: the event without its own hash, plus the
 * format version, as canonical JSON. The fixed members are written in their
 * canonical (sorted) order directly, which is several times faster than the
 * generic path on the verification hot loop; a property test checks that the
 * text equals `canonicalJson` of the same document.
 */
export function hashedDocument(event: Omit<AuditEvent, "hash">): string {
  const s = canonicalString;
  const actor = event.actor;
  return '{"action":' + s(event.action) +
    ',"action_type":' + s(event.action_type) +
    ',"actor":{"id":' + s(actor.id) + ',"ip":' + nullable(actor.ip) + ',"type":' + s(actor.type) +
    ',"user_agent":' + nullable(actor.user_agent) + "}" +
    ',"changes":' +
    (event.changes === null
      ? "null"
      : '{"after":' + canonicalJson(event.changes.after) + ',"before":' +
        canonicalJson(event.changes.before) + "}") +
    ',"id":' + s(event.id) +
    ',"metadata":' + canonicalJson(event.metadata) +
    ',"occurred_at":' + s(event.occurred_at) +
    ',"outcome":' + s(event.outcome) +
    ',"prev_hash":' + s(event.prev_hash) +
    ',"reason":' + nullable(event.reason) +
    ',"recorded_at":' + s(event.recorded_at) +
    ',"recorded_by":' + s(event.recorded_by) +
    ',"request_id":' + nullable(event.request_id) +
    ',"resource":{"id":' + nullable(event.resource.id) + ',"type":' + s(event.resource.type) + "}" +
    ',"seq":' + canonicalJson(event.seq) +
    ',"tenant_id":' + s(event.tenant_id) +
    ',"trace_id":' + nullable(event.trace_id) +
    ',"v":' + CHAIN_FORMAT_VERSION + "}";
}

/** The hashed document built the generic way; the reference for {@linkcode hashedDocument}. */
export function hashedDocumentReference(event: Omit<AuditEvent, "hash">): string {
  // Canonical JSON sorts members, so the order of this literal does not matter.
  return canonicalJson({
    ...clientFields(event),
    v: CHAIN_FORMAT_VERSION,
    seq: event.seq,
    recorded_at: event.recorded_at,
    recorded_by: event.recorded_by,
    prev_hash: event.prev_hash,
  });
}

function nullable(text: string | null): string {
  return text === null ? "null" : canonicalString(text);
}

/** The hash an event must carry. */
export function eventHash(
  event: Omit<AuditEvent, "hash">,
  sha256: Sha256Hex = sha256Hex,
): string {
  return sha256(hashedDocument(event));
}

/**
 * Links drafts onto the chain after `head`: consecutive seqs, each event's
 * `prev_hash` the hash of the one before. Pure; the caller must hold the
 * chain lock between reading `head` and storing the result.
 */
export function linkEvents(
  head: ChainHead,
  drafts: readonly AuditEventDraft[],
  options: { recordedAt: string; sha256?: Sha256Hex },
): AuditEvent[] {
  const linked: AuditEvent[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const draft of drafts) {
    seq += 1;
    const unsigned = { ...draft, seq, recorded_at: options.recordedAt, prev_hash: prevHash };
    const hash = eventHash(unsigned, options.sha256);
    linked.push({ ...unsigned, hash });
    prevHash = hash;
  }
  return linked;
}

/**
 * The fields a client chose, in canonical form: two submissions with the same
 * id are the same event (a retry) exactly when these texts are equal.
 */
export function clientContent(event: AuditEventDraft): string {
  return canonicalJson(clientFields(event));
}

/** The fields a client submits, as plain JSON members. */
function clientFields(event: AuditEventDraft) {
  return {
    id: event.id,
    occurred_at: event.occurred_at,
    tenant_id: event.tenant_id,
    actor: { ...event.actor },
    action: event.action,
    action_type: event.action_type,
    resource: { ...event.resource },
    outcome: event.outcome,
    reason: event.reason,
    request_id: event.request_id,
    trace_id: event.trace_id,
    changes: event.changes === null ? null : { ...event.changes },
    metadata: event.metadata,
  };
}
