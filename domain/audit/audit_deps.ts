import type { Principal } from "../access/mod.ts";
import type { UserDirectory } from "../users/mod.ts";
import type {
  AuditStore,
  ChainVerifier,
  CheckpointService,
  MaskAuditPayload,
  TrailCursorCodec,
} from "./ports.ts";

/** Limits of the audit API, from configuration. */
export interface AuditLimits {
  /** Most events in one append request. */
  readonly maxBatch: number;
  readonly futureToleranceMs: number;
  readonly retentionDays: number;
  /** Rows per query while exporting (each query is short; no cursor is held). */
  readonly exportChunkRows: number;
}

/** Everything the audit use cases need, built by the composition root. */
export interface AuditDeps {
  readonly store: AuditStore;
  readonly checkpoints: CheckpointService;
  readonly verifier: ChainVerifier;
  /** Masks `changes` and `metadata` before hashing; identity unless a masker is wired. */
  readonly maskAuditPayload: MaskAuditPayload;
  readonly now: () => Date;
  /** A new event id (UUIDv7). */
  readonly newId: () => string;
  readonly limits: AuditLimits;
  /** Signed, caller-bound cursors of trail pages. */
  readonly cursors: TrailCursorCodec;
  /** Display names of user ids (the user service); answers carry ids only without it. */
  readonly users?: UserDirectory;
  /** Failures that cannot reach a client (e.g. after a stream has started). */
  readonly reportError?: (message: string, error: unknown) => void;
}

/** Who is asking, for the audit events about their own reads. */
export interface AuditCaller {
  readonly principal: Principal;
  readonly requestId: string;
  readonly userAgent?: string | undefined;
}

/** The identity masker: the default until a real one is wired. */
export const keepAuditPayload: MaskAuditPayload = (payload) => payload;
