import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type CheckpointClaim,
  finishWalk,
  type RetentionGap,
  startWalk,
  walkChunk,
  type WalkReport,
} from "./chain_walk.ts";
import { eventHash, linkEvents } from "./hash_chain.ts";
import { type AuditEvent, type AuditEventDraft, GENESIS_HASH } from "./types.ts";

function chain(length: number): AuditEvent[] {
  const drafts: AuditEventDraft[] = Array.from({ length }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, "0")}`,
    occurred_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    tenant_id: "default",
    recorded_by: "svc",
    actor: { id: `u-${i % 3}`, type: "user", ip: null, user_agent: null },
    action: "document.update",
    action_type: "update",
    resource: { type: "document", id: `d-${i}` },
    outcome: "success",
    reason: null,
    request_id: null,
    trace_id: null,
    changes: null,
    metadata: { i },
  }));
  return linkEvents({ seq: 0, hash: GENESIS_HASH }, drafts, {
    recordedAt: "2026-01-02T00:00:00.000Z",
  });
}

function walk(
  events: readonly AuditEvent[],
  options: {
    chunk?: number;
    checkpoints?: CheckpointClaim[];
    gaps?: RetentionGap[];
    partial?: boolean;
    /** The recorded head; by default the last event's. */
    head?: AuditEvent;
  } = {},
): WalkReport {
  const size = options.chunk ?? events.length;
  let state = startWalk({ partial: options.partial });
  let first = true;
  for (let i = 0; i < events.length; i += size) {
    const context = first ? { checkpoints: options.checkpoints, gaps: options.gaps } : {};
    first = false;
    // State crosses a thread boundary between chunks in production: clone it here too.
    state = structuredClone(walkChunk(state, events.slice(i, i + size), context));
  }
  const last = options.head ?? events[events.length - 1];
  return finishWalk(state, {
    ...(first ? { checkpoints: options.checkpoints, gaps: options.gaps } : {}),
    ...(options.partial ? {} : { head: last ? { seq: last.seq, hash: last.hash } : undefined }),
  });
}

const claim = (event: AuditEvent, id = 1): CheckpointClaim => ({
  id,
  seq: event.seq,
  hash: event.hash,
  signature_valid: true,
});

Deno.test("an intact chain verifies, in any chunk size, with its checkpoints", () => {
  const events = chain(40);
  for (const size of [1, 3, 7, 40]) {
    const report = walk(events, {
      chunk: size,
      checkpoints: [claim(events[9]!), claim(events[39]!, 2)],
    });
    assert.equal(report.ok, true, JSON.stringify(report.breaks));
    assert.equal(report.events_checked, 40);
    assert.deepEqual(report.checkpoints, { checked: 2, matched: 2, pruned: 0 });
  }
});

Deno.test("an empty chain verifies", () => {
  assert.equal(walk([]).ok, true);
});

Deno.test("any single edit is reported at its own seq, whatever the chunking", () => {
  const events = chain(30);
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 1, max: 30 }),
    fc.boolean(),
    (index, chunk, rehash) => {
      const tampered = events.map((e) => ({ ...e }));
      const edited = { ...tampered[index]!, outcome: "denied" as const };
      tampered[index] = rehash ? { ...edited, hash: eventHash(edited) } : edited;
      const report = walk(tampered, { chunk, head: events[29] });
      // A rehashed last event has no successor to betray it: the recorded head does.
      assert.deepEqual(
        { seq: report.first_break?.seq, kind: report.first_break?.kind },
        { seq: index + 1, kind: "edited" },
      );
      assert.deepEqual(report, walk(tampered, { head: events[29] }), "chunking changes nothing");
    },
  ));
});

Deno.test("deleted, inserted and moved events are told apart", () => {
  const events = chain(20);
  const deleted = events.filter((e) => e.seq !== 8);
  assert.deepEqual(walk(deleted).first_break?.kind, "deleted");
  assert.equal(walk(deleted).first_break?.seq, 8);

  const forged = { ...events[6]!, id: "forged", metadata: { forged: true } };
  const withForged = [
    ...events.slice(0, 7),
    { ...forged, hash: eventHash(forged) },
    ...events.slice(7),
  ];
  assert.deepEqual(
    { seq: walk(withForged).first_break?.seq, kind: walk(withForged).first_break?.kind },
    { seq: 7, kind: "inserted" },
  );

  const swapped = events.map((e) => ({ ...e }));
  swapped[4] = { ...events[11]!, seq: 5 };
  swapped[11] = { ...events[4]!, seq: 12 };
  const report = walk(swapped, { chunk: 3 });
  assert.deepEqual(
    report.breaks.filter((b) => b.kind === "reordered").map((b) => b.seq),
    [5, 12],
  );
  assert.equal(report.first_break?.seq, 5);
});

Deno.test("retention gaps are crossed when their hashes link; forged ones are not", () => {
  const events = chain(30);
  const gap: RetentionGap = {
    first_seq: 1,
    last_seq: 10,
    prev_hash: GENESIS_HASH,
    last_hash: events[9]!.hash,
  };
  const kept = events.slice(10);
  const ok = walk(kept, {
    chunk: 4,
    gaps: [gap],
    checkpoints: [claim(events[4]!), claim(events[9]!, 2)],
  });
  assert.equal(ok.ok, true, JSON.stringify(ok.breaks));
  assert.equal(ok.retention_gaps_crossed, 1);
  assert.deepEqual(ok.checkpoints, { checked: 2, matched: 1, pruned: 1 });

  const forgedGap = { ...gap, last_hash: "f".repeat(64) };
  assert.equal(walk(kept, { gaps: [forgedGap] }).first_break?.seq, 11);
});

Deno.test("a checkpoint disagreeing with the chain, or badly signed, is a mismatch", () => {
  const events = chain(10);
  const wrong = { ...claim(events[4]!), hash: "a".repeat(64) };
  assert.deepEqual(walk(events, { checkpoints: [wrong] }).first_break, {
    seq: 5,
    kind: "checkpoint_mismatch",
    detail: `checkpoint 1 signed hash aaaaaaaaaaaa… for this seq`,
  });
  const unsigned = { ...claim(events[4]!), signature_valid: false };
  assert.equal(walk(events, { checkpoints: [unsigned] }).first_break?.kind, "checkpoint_mismatch");
  const truncated = walk(events.slice(0, 7), { checkpoints: [claim(events[9]!)] });
  assert.deepEqual(
    { seq: truncated.first_break?.seq, kind: truncated.first_break?.kind },
    { seq: 8, kind: "deleted" },
  );
});

Deno.test("a filtered export verifies in partial mode; edits in it are still caught", () => {
  const events = chain(30).filter((e) => e.actor.id === "u-1");
  assert.equal(walk(events, { partial: true, chunk: 2 }).ok, true);
  const edited = events.map((e, i) => (i === 3 ? { ...e, action: "document.delete" } : e));
  assert.equal(walk(edited, { partial: true }).first_break?.seq, events[3]!.seq);
});
