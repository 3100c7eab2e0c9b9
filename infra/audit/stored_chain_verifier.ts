/**
 * The `ChainVerifier` of the service: walks the chain stored in Postgres
 * against its signed checkpoints, its retention records and its recorded
 * head. One verification at a time per instance; a second request meanwhile
 * shares the running walk's report rather than doubling the load.
 * @module
 */
import {
  auditStoreError,
  type ChainVerifier,
  type VerificationReport,
} from "../../domain/audit/mod.ts";
import type { Metrics } from "../metrics/mod.ts";
import {
  firstSeqBeyondHead,
  readChainChunk,
  readHead,
  readRetentionGaps,
} from "../postgres/audit/audit_repository.ts";
import type { Queryable } from "../postgres/audit/audit_rows.ts";
import { readAllCheckpoints } from "../postgres/audit/checkpoint_store.ts";
import { walkEvents, type WalkRunner } from "./chain_verification.ts";
import { checkCheckpointSignatures } from "./checkpoint_jws.ts";
import type { CheckpointKeys } from "./checkpoint_keys.ts";

/** Options of {@linkcode verifyStoredChain}. */
export interface StoredChainOptions {
  readonly runner: WalkRunner;
  readonly publicJwks: CheckpointKeys["publicJwks"];
  readonly chunkRows: number;
}

/** Verifies the whole stored chain once. */
export async function verifyStoredChain(
  sql: Queryable,
  options: StoredChainOptions,
): Promise<VerificationReport> {
  const started = performance.now();
  // Checkpoints before the head: every checkpoint read then is at or below it.
  const checkpoints = await readAllCheckpoints(sql);
  const head = await readHead(sql);
  const gaps = await readRetentionGaps(sql);
  const claims = await checkCheckpointSignatures(checkpoints, options.publicJwks);

  async function* chunks() {
    let afterSeq = 0;
    for (;;) {
      const events = await readChainChunk(sql, {
        afterSeq,
        maxSeq: head.seq,
        limit: options.chunkRows,
      });
      if (events.length === 0) return;
      yield events;
      afterSeq = events[events.length - 1]!.seq;
    }
  }

  const report = await walkEvents(chunks(), {
    runner: options.runner,
    claims,
    gaps,
    head,
    firstSeqBeyondHead: () => firstSeqBeyondHead(sql),
  });
  const durationMs = performance.now() - started;
  return {
    ...report,
    head,
    duration_ms: Math.round(durationMs),
    events_per_second: Math.round(report.events_checked / Math.max(durationMs / 1000, 1e-3)),
  };
}

/**
 * The verifier port over {@linkcode verifyStoredChain}, with metrics. One walk
 * runs at a time: a verification asked for while one is running shares its
 * report (it covers the chain up to the head the running walk started at),
 * so concurrent callers never double the load nor get refused.
 */
export function createStoredChainVerifier(
  sql: Queryable,
  options: StoredChainOptions & { readonly metrics?: Metrics },
): ChainVerifier {
  let running: Promise<VerificationReport> | undefined;
  const walk = async () => {
    try {
      const report = await verifyStoredChain(sql, options);
      options.metrics?.auditVerificationsTotal.inc({ result: report.ok ? "ok" : "broken" });
      options.metrics?.auditVerificationDuration.observe(report.duration_ms / 1000);
      return report;
    } catch (error) {
      options.metrics?.auditVerificationsTotal.inc({ result: "error" });
      throw auditStoreError(error);
    } finally {
      running = undefined;
    }
  };
  return {
    verify() {
      running ??= walk();
      return running;
    },
  };
}
