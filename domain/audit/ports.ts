/**
 * What the audit use cases need from the outside, as interfaces the
 * infrastructure implements (Postgres store, Ed25519 signer, worker-run
 * verification). Use cases receive them in a `deps` object.
 * @module
 */
import type { AuditFilter } from "./audit_filter.ts";
import type { WalkReport } from "./chain_walk.ts";
import type { AuditChanges, AuditEvent, AuditEventDraft, ChainHead, JsonObject } from "./types.ts";

/** Result of appending one draft. */
export type AppendOutcome =
  | { readonly status: "created"; readonly id: string; readonly seq: number; readonly hash: string }
  /** The same event (same id, same content) was stored before: a retry. */
  | {
    readonly status: "duplicate";
    readonly id: string;
    readonly seq: number;
    readonly hash: string;
  }
  /** The id is taken by an event with different content. */
  | { readonly status: "conflict"; readonly id: string };

/** The append-only event store. */
export interface AuditStore {
  /**
   * Links and stores drafts atomically: all or none. Outcomes are in input
   * order. Throws `AUDIT_STORE_UNAVAILABLE` when nothing could be stored.
   */
  append(drafts: readonly AuditEventDraft[]): Promise<AppendOutcome[]>;
  /** Events matching `filter`, newest (highest seq) first, below `beforeSeq`. */
  page(
    filter: AuditFilter,
    options: { readonly beforeSeq?: number | undefined; readonly limit: number },
  ): Promise<AuditEvent[]>;
  /** Events matching `filter` in chain order, `afterSeq < seq <= maxSeq`. */
  exportChunk(
    filter: AuditFilter,
    options: { readonly afterSeq: number; readonly maxSeq: number; readonly limit: number },
  ): Promise<AuditEvent[]>;
  /** Number of events matching `filter`, per action type. */
  countByActionType(filter: AuditFilter): Promise<Record<string, number>>;
  head(): Promise<ChainHead>;
}

export const CHECKPOINT_REASONS = ["periodic", "on_demand", "retention"] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

/** A signed statement of the chain head at a moment. */
export interface Checkpoint {
  readonly id: number;
  readonly head_seq: number;
  readonly head_hash: string;
  readonly signed_at: string;
  readonly key_id: string;
  readonly reason: CheckpointReason;
  /** Compact JWS (EdDSA) over `{ seq, hash, signed_at, … }`. */
  readonly jws: string;
}

/** Signed checkpoints. */
export interface CheckpointService {
  create(reason: Exclude<CheckpointReason, "retention">): Promise<Checkpoint>;
  list(options: { readonly beforeId?: number | undefined; readonly limit: number }): Promise<
    Checkpoint[]
  >;
  get(id: number): Promise<Checkpoint | undefined>;
  /** The public keys checkpoints are verified with, as a JWKS. */
  publicKeys(): { readonly keys: readonly Readonly<Record<string, unknown>>[] };
}

/** A verification of the whole chain, with how long it took. */
export interface VerificationReport extends WalkReport {
  readonly head: ChainHead;
  readonly duration_ms: number;
  readonly events_per_second: number;
}

/** Runs a full verification (reading the store, walking in a worker). */
export interface ChainVerifier {
  verify(): Promise<VerificationReport>;
}

/** What may be masked before an event is hashed and stored. */
export interface AuditPayload {
  readonly changes: AuditChanges | null;
  readonly metadata: JsonObject;
}

/** Masks sensitive values in an event's payload; must be deterministic. */
export type MaskAuditPayload = (payload: AuditPayload) => AuditPayload;

/** Who and which filtered trail a trail cursor belongs to. */
export interface TrailCursorBinding {
  readonly principalId: string;
  /** The trail's filters, user included (see `trailFilterKey`). */
  readonly filterKey: string;
}

/**
 * Seals the seq a trail page continues below into an opaque, signed,
 * expiring cursor bound to one caller and one filtered trail, and opens it;
 * opening an altered, expired or foreign cursor throws `AUDIT_CURSOR_INVALID`.
 */
export interface TrailCursorCodec {
  seal(seq: number, binding: TrailCursorBinding): string;
  open(cursor: string, binding: TrailCursorBinding): number;
}
