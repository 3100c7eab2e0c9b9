export * from "./types.ts";
export { canonicalJson } from "./canonical_json.ts";
export { type Sha256Hex, sha256Hex } from "../crypto/sha256.ts";
export {
  CHAIN_FORMAT_VERSION,
  clientContent,
  eventHash,
  hashedDocument,
  linkEvents,
} from "./hash_chain.ts";
export {
  type AuditEventInput,
  type AuditEventPolicy,
  DEFAULT_AUDIT_MAX_BATCH,
  DEFAULT_TENANT,
  MAX_PAYLOAD_BYTES,
  MAX_PAYLOAD_DEPTH,
  normalizeAuditEvent,
} from "./event_policy.ts";
export { auditRetentionCutoff } from "./retention_cutoff.ts";
export { auditStoreError } from "./store_failure.ts";
export {
  BREAK_KINDS,
  type BreakKind,
  type ChainBreak,
  type CheckpointClaim,
  type ChunkContext,
  type FinishContext,
  finishWalk,
  MAX_REPORTED_BREAKS,
  type RetentionGap,
  startWalk,
  walkChunk,
  type WalkOptions,
  type WalkReport,
  type WalkState,
} from "./chain_walk.ts";
export { type AuditFilter, checkFilter, describeFilter, trailFilterKey } from "./audit_filter.ts";
export { createCsvParser, csvRecord, unguardCsvValue } from "./csv.ts";
export {
  AUDIT_RECORD_FIELDS,
  createExportReader,
  CSV_COLUMNS,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  exportEvent,
  type ExportFormat,
  exportPreamble,
} from "./export_format.ts";
export { uuidV7 } from "./uuid_v7.ts";
export type {
  AppendOutcome,
  AuditPayload,
  AuditStore,
  ChainVerifier,
  Checkpoint,
  CheckpointReason,
  CheckpointService,
  MaskAuditPayload,
  TrailCursorBinding,
  TrailCursorCodec,
  VerificationReport,
} from "./ports.ts";
export { CHECKPOINT_REASONS } from "./ports.ts";
export {
  type AuditCaller,
  type AuditDeps,
  type AuditLimits,
  keepAuditPayload,
} from "./audit_deps.ts";
export {
  type AccessDenied,
  type CallerAction,
  callerEvent,
  recordAccessDenied,
  recordCallerEvent,
} from "./caller_events.ts";
export { appendAuditEvents, type AppendItem, type AppendItemResult } from "./append_events.ts";
export {
  readUserTrail,
  type TrailPage,
  type TrailRequest,
  type TrailSummary,
} from "./read_trail.ts";
export { type AuditExport, type ExportRequest, startAuditExport } from "./export_audit.ts";
export { createCheckpointNow, getCheckpoint, verifyAuditChain } from "./verify_and_checkpoint.ts";
