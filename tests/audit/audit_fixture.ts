/**
 * Shared helpers of the audit integration tests: event drafts, fast bulk
 * appends, a schema reset (so one database per engine serves many steps),
 * and SQL that bypasses the append-only triggers the way an attacker with
 * database access would.
 * @module
 */
import { createHmacTrailCursorCodec } from "../../infra/cursor/mod.ts";
import {
  type AuditDeps,
  type AuditEventDraft,
  keepAuditPayload,
  uuidV7,
} from "../../domain/audit/mod.ts";
import { loadCheckpointKeys } from "../../infra/audit/checkpoint_keys.ts";
import { inlineWalkRunner, type WalkRunner } from "../../infra/audit/chain_verification.ts";
import { nativeSha256Hex } from "../../infra/crypto/native_sha256.ts";
import { createStoredChainVerifier } from "../../infra/audit/stored_chain_verifier.ts";
import { verifyStoredChain } from "../../infra/audit/stored_chain_verifier.ts";
import type { Sql } from "../../infra/postgres/mod.ts";
import { createPostgresAuditStore } from "../../infra/postgres/audit/audit_store.ts";
import { appendLinked } from "../../infra/postgres/audit/chain_appender.ts";
import { createCheckpointStore } from "../../infra/postgres/audit/checkpoint_store.ts";
import { createPartitionKeeper } from "../../infra/postgres/audit/partitions.ts";

const MIGRATION = new URL("../../infra/postgres/migrations/0002_audit_log", import.meta.url).href;
const upScript = await Deno.readTextFile(new URL(`${MIGRATION}.up.sql`));
const downScript = await Deno.readTextFile(new URL(`${MIGRATION}.down.sql`));

/** Drops and recreates the audit schema (migration 0002 down, then up): an empty chain. */
export async function resetAuditSchema(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe(downScript);
    await tx.unsafe(upScript);
  });
}

/** A fresh event id. */
export function newId(): string {
  return uuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

const BASE = Date.parse("2026-01-15T00:00:00.000Z");

/** A varied, realistic draft; `i` makes it unique and deterministic apart from its id. */
export function draft(i: number, overrides: Partial<AuditEventDraft> = {}): AuditEventDraft {
  return {
    id: newId(),
    occurred_at: new Date(BASE + i * 1000).toISOString(),
    tenant_id: i % 7 === 0 ? "acme" : "default",
    recorded_by: "svc-test",
    actor: {
      id: `u-${i % 25}`,
      type: i % 11 === 0 ? "service" : "user",
      ip: i % 3 === 0 ? null : `10.0.${i % 250}.${i % 200}`,
      user_agent: i % 2 === 0 ? 'Mozilla/5.0 (X11; "quoted", comma)' : null,
    },
    action: ["document.update", "document.read", "user.login", "report.export"][i % 4]!,
    action_type: (["update", "read", "login", "export"] as const)[i % 4]!,
    resource: { type: "document", id: i % 5 === 0 ? null : `doc-${i % 500}` },
    outcome: i % 13 === 0 ? "failure" : "success",
    reason: i % 13 === 0 ? '=HYPERLINK("http://evil")' : null,
    request_id: `req-${i}`,
    trace_id: null,
    changes: i % 4 === 0
      ? { before: { title: "Ünïcödé 漢字", n: 1.5 }, after: { title: 'line\nbreak, "q"', n: -2 } }
      : null,
    metadata: { i, tags: ["a", "b"], nested: { ok: true, none: null } },
    ...overrides,
  };
}

/** Appends `count` drafts through the real chain appender, `batch` per transaction. */
export async function appendMany(
  sql: Sql,
  count: number,
  options: { batch?: number; from?: number; make?: (i: number) => AuditEventDraft } = {},
): Promise<void> {
  const batch = options.batch ?? 5000;
  const make = options.make ?? draft;
  const partitions = createPartitionKeeper(sql);
  const start = options.from ?? 0;
  for (let offset = 0; offset < count; offset += batch) {
    const drafts = Array.from(
      { length: Math.min(batch, count - offset) },
      (_, k) => make(start + offset + k),
    );
    await partitions.ensureFor(drafts.map((d) => d.occurred_at));
    await sql.begin((tx) =>
      appendLinked(tx, drafts, { now: () => new Date(), sha256: nativeSha256Hex })
    );
  }
}

/** Runs `statements` with the append-only triggers switched off, as a superuser could. */
export async function tamper(sql: Sql, statements: (tx: Sql) => Promise<unknown>): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await statements(tx as unknown as Sql);
  });
}

/** Verifies the stored chain (inline by default; pass a pool runner to use workers). */
export async function verify(
  sql: Sql,
  options: {
    runner?: WalkRunner;
    publicJwks?: Awaited<ReturnType<typeof testKeys>>["publicJwks"];
  } = {},
) {
  return await verifyStoredChain(sql, {
    runner: options.runner ?? inlineWalkRunner,
    publicJwks: options.publicJwks ?? (await testKeys()).publicJwks,
    chunkRows: 1000,
  });
}

let keys: ReturnType<typeof loadCheckpointKeys> | undefined;
/** One ephemeral Ed25519 checkpoint key per test process. */
export function testKeys() {
  keys ??= loadCheckpointKeys({ production: false });
  return keys;
}

/** Audit use-case dependencies over `sql`, with the test key and an inline verifier. */
export async function auditDeps(
  sql: Sql,
  overrides: Partial<AuditDeps["limits"]> & { now?: () => Date } = {},
): Promise<AuditDeps & { close(): Promise<void> }> {
  const now = overrides.now ?? (() => new Date());
  const store = createPostgresAuditStore(sql, { sha256: nativeSha256Hex, now });
  const k = await testKeys();
  return {
    store,
    checkpoints: createCheckpointStore(sql, { keys: k, now }),
    verifier: createStoredChainVerifier(sql, {
      runner: inlineWalkRunner,
      publicJwks: k.publicJwks,
      chunkRows: 1000,
    }),
    maskAuditPayload: keepAuditPayload,
    now,
    newId,
    cursors: createHmacTrailCursorCodec({ key: "test-cursor-key-".repeat(3), ttlSeconds: 300 }),
    limits: {
      maxBatch: overrides.maxBatch ?? 100,
      futureToleranceMs: overrides.futureToleranceMs ?? 300_000,
      retentionDays: overrides.retentionDays ?? 2557,
      exportChunkRows: overrides.exportChunkRows ?? 1000,
    },
    close: () => store.close(),
  };
}
