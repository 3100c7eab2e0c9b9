/**
 * The Postgres implementation of the domain's `AuditStore`: group-committed,
 * chain-locked appends plus the repository reads. Fails closed: any failure
 * to store is `AUDIT_STORE_UNAVAILABLE` (503) with nothing written, and a
 * retry with the same event ids stores each event once.
 * @module
 */
import {
  type AppendOutcome,
  type AuditEventDraft,
  type AuditStore,
  auditStoreError,
  type Sha256Hex,
} from "../../../domain/audit/mod.ts";
import { AppError } from "../../../domain/errors/mod.ts";
import type { Metrics } from "../../metrics/mod.ts";
import type { Sql } from "../client.ts";
import { countByActionType, exportChunk, findPage, readHead } from "./audit_repository.ts";
import { appendLinked } from "./chain_appender.ts";
import { createGroupCommit } from "./group_commit.ts";
import { createPartitionKeeper, type PartitionKeeper } from "./partitions.ts";

/** Options of {@linkcode createPostgresAuditStore}. */
export interface PostgresAuditStoreOptions {
  readonly sha256: Sha256Hex;
  readonly now?: () => Date;
  readonly metrics?: Metrics;
  /** Most events linked in one transaction. */
  readonly maxEventsPerCommit?: number;
  readonly partitions?: PartitionKeeper;
}

/** The store, plus what the composition root needs at shutdown. */
export interface PostgresAuditStore extends AuditStore {
  readonly partitions: PartitionKeeper;
  /** Waits for pending appends. */
  flush(): Promise<void>;
  /** Refuses new appends and waits for pending ones. */
  close(): Promise<void>;
}

const NO_PARTITION = "23514";

/** Builds the store over `sql`. */
export function createPostgresAuditStore(
  sql: Sql,
  options: PostgresAuditStoreOptions,
): PostgresAuditStore {
  const now = options.now ?? (() => new Date());
  const partitions = options.partitions ?? createPartitionKeeper(sql);
  const metrics = options.metrics;

  async function commit(drafts: readonly AuditEventDraft[]): Promise<AppendOutcome[]> {
    const started = performance.now();
    try {
      const outcomes = await commitOnce(drafts).catch(async (error) => {
        if ((error as { code?: string }).code !== NO_PARTITION) throw error;
        partitions.forget(); // a month was dropped or never made: ask the database again
        return await commitOnce(drafts);
      });
      metrics?.auditAppendDuration.observe((performance.now() - started) / 1000);
      metrics?.auditAppendBatchSize.observe(drafts.length);
      for (const outcome of outcomes) {
        metrics?.auditEventsAppendedTotal.inc({ outcome: outcome.status });
      }
      return outcomes;
    } catch (error) {
      metrics?.auditAppendFailuresTotal.inc();
      throw auditStoreError(
        error,
        "the audit store could not be written; nothing was stored, retry with the same ids",
      );
    }
  }

  async function commitOnce(drafts: readonly AuditEventDraft[]): Promise<AppendOutcome[]> {
    await partitions.ensureFor(drafts.map((d) => d.occurred_at));
    const { outcomes, stored } = await sql.begin((tx) =>
      appendLinked(tx, drafts, { now, sha256: options.sha256 })
    );
    const last = stored[stored.length - 1];
    if (last) metrics?.auditChainHeadSeq.set(last.seq);
    return outcomes;
  }

  const group = createGroupCommit(commit, {
    maxItems: options.maxEventsPerCommit ?? 5000,
    closedError: () =>
      new AppError("AUDIT_STORE_UNAVAILABLE", { detail: "the service is shutting down" }),
  });

  const reading = <T>(read: () => Promise<T>): Promise<T> =>
    read().catch((error) => {
      throw auditStoreError(error);
    });

  return {
    partitions,
    append: (drafts) => group.submit(drafts),
    page: (filter, pageOptions) => reading(() => findPage(sql, filter, pageOptions)),
    exportChunk: (filter, chunk) => reading(() => exportChunk(sql, filter, chunk)),
    countByActionType: (filter) => reading(() => countByActionType(sql, filter)),
    head: () => reading(() => readHead(sql)),
    flush: group.flush,
    close: group.close,
  };
}
