import assert from "node:assert/strict";
import { AppError } from "../../../domain/errors/mod.ts";
import type { LogEvent, StoreSearchRequest } from "../../../domain/logs/mod.ts";
import { createEngineLogStore } from "./engine_log_store.ts";
import type {
  EngineErrorKind,
  EngineOps,
  EngineSearchBody,
  RawSearchResponse,
} from "./engine_ops.ts";

class Fail extends Error {
  constructor(readonly kind: EngineErrorKind) {
    super(kind);
  }
}

/** An engine that records calls and answers from a script. */
function fakeOps(options: {
  pitTiebreaker: boolean;
  pit?: "ok" | "unsupported" | "unavailable";
  /** Creation time of each data stream's write index; absent: a single backing index. */
  writeIndexSince?: number;
  /** Ids already stored in older backing indices. */
  stored?: readonly string[];
  /** Ids in the index before the write index that a search does not see yet. */
  unrefreshed?: readonly string[];
  failing?: { op: "since" | "ids"; kind: EngineErrorKind };
}) {
  const calls: {
    op: string;
    index?: string;
    body?: EngineSearchBody;
    ids?: readonly string[];
  }[] = [];
  let failNextSearch: EngineErrorKind | undefined;
  let rolledAt: number | undefined;
  const hit = (id: string, sort: (string | number)[]) => ({
    _id: id,
    _source: { "@timestamp": "2026-11-27T12:00:00.000Z", event: { id }, message: id },
    sort,
  });
  const ops: EngineOps = {
    engine: "elasticsearch",
    pitTiebreaker: options.pitTiebreaker,
    search(index, body) {
      calls.push({ op: "search", ...(index ? { index } : {}), body });
      if (failNextSearch) {
        const kind = failNextSearch;
        failNextSearch = undefined;
        return Promise.reject(new Fail(kind));
      }
      const tie = "pit" in body && body.pit && options.pitTiebreaker ? [7] : [];
      const response: RawSearchResponse = {
        hits: {
          total: { value: 3, relation: "eq" },
          hits: [hit("a", [3, "a", ...tie]), hit("b", [2, "b", ...tie])],
        },
        ...("pit" in body && body.pit ? { pit_id: "pit-2" } : {}),
      };
      return Promise.resolve(response);
    },
    bulkCreate(documents) {
      calls.push({ op: "bulk", ids: documents.map((d) => d.id) });
      const drops = { x: [409, "version_conflict"], y: [400, "mapper_parsing_exception: bad"] };
      return Promise.resolve(documents.flatMap((d) => {
        const drop = drops[d.id as keyof typeof drops];
        return drop
          ? [{ eventId: d.id, status: drop[0] as number, reason: drop[1] as string }]
          : [];
      }));
    },
    openPointInTime(index) {
      calls.push({ op: "open", index });
      if (options.pit === "unsupported") return Promise.reject(new Fail("other"));
      if (options.pit === "unavailable") return Promise.reject(new Fail("unavailable"));
      return Promise.resolve("pit-1");
    },
    closePointInTime() {
      calls.push({ op: "close" });
      return Promise.resolve();
    },
    refresh(index) {
      calls.push({ op: "refresh", index });
      return Promise.resolve();
    },
    writeIndex(dataStream) {
      calls.push({ op: "since", index: dataStream });
      if (options.failing?.op === "since") return Promise.reject(new Fail(options.failing.kind));
      const since = rolledAt ?? options.writeIndexSince;
      const name = `${dataStream}-${since ?? 0}`;
      return Promise.resolve({
        name,
        uuid: `uuid-${name}`,
        ...(since !== undefined ? { previous: `${dataStream}-previous` } : {}),
      });
    },
    indexCreated(index) {
      calls.push({ op: "created", index });
      return Promise.resolve(Number(index.slice(index.lastIndexOf("-") + 1)));
    },
    existingIds(dataStream, ids) {
      calls.push({ op: "ids", index: dataStream, ids });
      if (options.failing?.op === "ids") return Promise.reject(new Fail(options.failing.kind));
      return Promise.resolve(new Set(ids.filter((id) => options.stored?.includes(id))));
    },
    idsIn(index, ids) {
      calls.push({ op: "get", index, ids });
      // Written a moment ago to the index before the write index: not searchable yet.
      return Promise.resolve(new Set(ids.filter((id) => options.unrefreshed?.includes(id))));
    },
    classify: (error) => (error instanceof Fail ? error.kind : "other"),
  };
  return {
    ops,
    calls,
    failNext: (kind: EngineErrorKind) => (failNextSearch = kind),
    rollover: (at: number) => (rolledAt = at),
  };
}

const request: StoreSearchRequest = {
  filter: { from: new Date(0), to: new Date(1000), categories: ["app", "error"] },
  order: "newest",
  size: 1,
  totalBound: 100,
};
const options = { namespace: "default", snapshotKeepAlive: "2m" };

Deno.test("engine store: page one at the data streams, one hit more than the page", async () => {
  const { ops, calls } = fakeOps({ pitTiebreaker: true });
  const result = await createEngineLogStore(ops, options).search(request);
  assert.equal(calls[0]!.index, "logs-app-default,logs-error-default");
  assert.equal((calls[0]!.body as { size: number }).size, 2);
  assert.deepEqual(result.events.map((e) => e["event.id"]), ["a"]);
  assert.deepEqual(result.next, [3, "a"]);
  assert.equal(result.snapshot, undefined);
});

Deno.test("engine store: later pages open a point in time; _shard_doc is padded for Elasticsearch", async () => {
  const { ops, calls } = fakeOps({ pitTiebreaker: true, pit: "ok" });
  const store = createEngineLogStore(ops, options);
  const page2 = await store.search({ ...request, after: [3, "a"], keepSnapshot: true });
  assert.deepEqual(calls.map((c) => c.op), ["open", "search"]);
  const body = calls[1]!.body as { pit: unknown; search_after: unknown[] };
  assert.equal(calls[1]!.index, undefined, "a point-in-time search names no index");
  assert.deepEqual(body.pit, { id: "pit-1", keep_alive: "2m" });
  assert.deepEqual(body.search_after, [3, "a", Number.MAX_SAFE_INTEGER]);
  assert.equal(page2.snapshot, "pit-2");
  assert.deepEqual(page2.next, [3, "a", 7]);
  await store.search({
    ...request,
    after: page2.next!,
    snapshot: page2.snapshot!,
    keepSnapshot: true,
  });
  assert.deepEqual((calls[2]!.body as { search_after: unknown[] }).search_after, [3, "a", 7]);
});

Deno.test("engine store: no point in time on this engine → search_after alone, said once", async () => {
  const { ops, calls } = fakeOps({ pitTiebreaker: true, pit: "unsupported" });
  const warnings: string[] = [];
  const store = createEngineLogStore(ops, { ...options, onWarning: (m) => warnings.push(m) });
  const page = await store.search({ ...request, after: [3, "a"], keepSnapshot: true });
  await store.search({ ...request, after: [3, "a"], keepSnapshot: true });
  assert.deepEqual(calls.map((c) => c.op), ["open", "search", "search"]);
  assert.deepEqual((calls[1]!.body as { search_after: unknown[] }).search_after, [3, "a"]);
  assert.equal(page.snapshot, undefined);
  assert.equal(warnings.length, 1);
});

Deno.test("engine store: an expired point in time continues without one", async () => {
  const { ops, calls, failNext } = fakeOps({ pitTiebreaker: true, pit: "ok" });
  failNext("snapshot_gone");
  const page = await createEngineLogStore(ops, options).search({
    ...request,
    after: [3, "a", 7],
    snapshot: "old",
    keepSnapshot: true,
  });
  assert.deepEqual(calls.map((c) => c.op), ["search", "search"]);
  assert.equal(calls[1]!.index, "logs-app-default,logs-error-default");
  assert.deepEqual((calls[1]!.body as { search_after: unknown[] }).search_after, [3, "a"]);
  assert.equal(page.snapshot, undefined);
});

Deno.test("engine store: unreachable engine → LOG_STORE_UNAVAILABLE", async () => {
  const { ops, failNext } = fakeOps({ pitTiebreaker: false, pit: "unavailable" });
  const store = createEngineLogStore(ops, options);
  failNext("unavailable");
  await assert.rejects(
    store.search(request),
    (e) => e instanceof AppError && e.code === "LOG_STORE_UNAVAILABLE",
  );
  await assert.rejects(
    store.search({ ...request, keepSnapshot: true, after: [1, "x"] }),
    (e) => e instanceof AppError && e.code === "LOG_STORE_UNAVAILABLE",
  );
});

/** Where the fake write indices were created; events are stamped minutes from it. */
const ROLLED_AT = Date.parse("2026-11-27T12:00:00.000Z");

function event(id: string, minutes = 0, category: LogEvent["event.category"] = "app"): LogEvent {
  const at = new Date(ROLLED_AT + minutes * 60_000).toISOString();
  return {
    "event.id": id,
    "@timestamp": at,
    "event.ingested": at,
    message: "m",
    "log.level": "info",
    "service.name": "s",
    "event.category": category,
  } as LogEvent;
}

Deno.test("engine store: bulk drops map to duplicate (409) and failed", async () => {
  const { ops } = fakeOps({ pitTiebreaker: false });
  const outcomes = await createEngineLogStore(ops, options).ingest([
    event("x"),
    event("y"),
    event("z"),
  ]);
  assert.deepEqual(outcomes, [
    { status: "duplicate" },
    { status: "failed", reason: "mapper_parsing_exception: bad" },
    { status: "created" },
  ]);
});

Deno.test("engine store: events stamped after the write index (plus skew) need no lookup", async () => {
  const { ops, calls } = fakeOps({ pitTiebreaker: false, writeIndexSince: ROLLED_AT });
  const outcomes = await createEngineLogStore(ops, options).ingest([
    event("a", 16),
    event("b", 60),
  ]);
  assert.deepEqual(calls.map((c) => c.op), ["since", "created", "bulk"]);
  assert.equal(calls[0]!.index, "logs-app-default");
  assert.deepEqual(outcomes, [{ status: "created" }, { status: "created" }]);
});

Deno.test("engine store: older events are looked up; stored ones are duplicates, not written", async () => {
  const { ops, calls } = fakeOps({
    pitTiebreaker: false,
    writeIndexSince: ROLLED_AT,
    stored: ["old-stored", "err-stored"],
  });
  const outcomes = await createEngineLogStore(ops, options).ingest([
    event("live", 30),
    event("old-stored", -90),
    event("err-stored", -5, "error"),
    event("skewed", 14),
    event("old-new", -600),
  ]);
  assert.deepEqual(calls.filter((c) => c.op === "ids").map((c) => [c.index, c.ids]), [
    ["logs-app-default", ["old-stored", "skewed", "old-new"]],
    ["logs-error-default", ["err-stored"]],
  ]);
  assert.deepEqual(calls.find((c) => c.op === "bulk")!.ids, ["live", "skewed", "old-new"]);
  assert.deepEqual(outcomes.map((o) => o.status), [
    "created",
    "duplicate",
    "duplicate",
    "created",
    "created",
  ]);
});

Deno.test("engine store: each batch asks for the write index; its creation time is asked once", async () => {
  const { ops, calls } = fakeOps({ pitTiebreaker: false, writeIndexSince: ROLLED_AT });
  const store = createEngineLogStore(ops, options);
  await store.ingest([event("a", 60)]);
  await store.ingest([event("b", 61)]);
  assert.equal(calls.filter((c) => c.op === "since").length, 2);
  assert.equal(calls.filter((c) => c.op === "created").length, 1);
});

Deno.test("engine store: a resend right after a rollover is caught by the next batch", async () => {
  const { ops, calls, rollover } = fakeOps({
    pitTiebreaker: false,
    writeIndexSince: ROLLED_AT,
    stored: ["sent-before"],
  });
  const store = createEngineLogStore(ops, options);
  assert.deepEqual(await store.ingest([event("other", 30)]), [{ status: "created" }]);
  rollover(ROLLED_AT + 3_600_000);
  // Stamped 40 minutes after the old write index was made: old enough only for the new one.
  assert.deepEqual(await store.ingest([event("sent-before", 40)]), [{ status: "duplicate" }]);
  assert.deepEqual(calls.filter((c) => c.op === "ids").map((c) => c.ids), [["sent-before"]]);
});

Deno.test("engine store: a single backing index → no lookup, even for old events", async () => {
  const { ops, calls } = fakeOps({ pitTiebreaker: false, stored: ["old"] });
  const outcomes = await createEngineLogStore(ops, options).ingest([event("old", -600)]);
  assert.deepEqual(calls.map((c) => c.op), ["since", "bulk"]);
  assert.deepEqual(outcomes, [{ status: "created" }]);
});

Deno.test("engine store: a failed lookup writes the events unchecked", async () => {
  for (const op of ["since", "ids"] as const) {
    const { ops, calls } = fakeOps({
      pitTiebreaker: false,
      writeIndexSince: ROLLED_AT,
      failing: { op, kind: "other" },
    });
    const warnings: string[] = [];
    const store = createEngineLogStore(ops, { ...options, onWarning: (m) => warnings.push(m) });
    assert.deepEqual(await store.ingest([event("old", -600)]), [{ status: "created" }]);
    assert.deepEqual(await store.ingest([event("older", -900)]), [{ status: "created" }]);
    // After a failure the stream is written unchecked for a while: one warning, one lookup.
    assert.equal(calls.filter((c) => c.op === op).length, 1);
    assert.equal(calls.filter((c) => c.op === "bulk").length, 2);
    assert.equal(warnings.length, 1);
  }
});

Deno.test("engine store: an unreachable engine during the lookup → LOG_STORE_UNAVAILABLE", async () => {
  for (const op of ["since", "ids"] as const) {
    const { ops, calls } = fakeOps({
      pitTiebreaker: false,
      writeIndexSince: ROLLED_AT,
      failing: { op, kind: "unavailable" },
    });
    await assert.rejects(
      createEngineLogStore(ops, options).ingest([event("old", -600)]),
      (e) => e instanceof AppError && e.code === "LOG_STORE_UNAVAILABLE",
    );
    assert.equal(calls.some((c) => c.op === "bulk"), false);
  }
});

Deno.test("engine store: an event not yet searchable in the index before the write index is found by id", async () => {
  const { ops, calls } = fakeOps({
    pitTiebreaker: false,
    writeIndexSince: ROLLED_AT,
    unrefreshed: ["just-written"],
  });
  const outcomes = await createEngineLogStore(ops, options).ingest([event("just-written", -1)]);
  assert.deepEqual(outcomes, [{ status: "duplicate" }]);
  assert.deepEqual(calls.filter((c) => c.op === "get").map((c) => [c.index, c.ids]), [
    ["logs-app-default-previous", ["just-written"]],
  ]);
  assert.equal(calls.some((c) => c.op === "bulk"), false);
});

Deno.test("engine store: after a failed lookup's backoff the check resumes", async () => {
  const { ops, calls } = fakeOps({
    pitTiebreaker: false,
    writeIndexSince: ROLLED_AT,
    failing: { op: "since", kind: "other" },
  });
  let clock = ROLLED_AT;
  const store = createEngineLogStore(ops, {
    ...options,
    duplicateCheckBackoffMs: 60_000,
    now: () => clock,
  });
  await store.ingest([event("a", -600)]);
  clock += 59_000;
  await store.ingest([event("b", -600)]);
  assert.equal(calls.filter((c) => c.op === "since").length, 1);
  clock += 2_000;
  await store.ingest([event("c", -600)]);
  assert.equal(calls.filter((c) => c.op === "since").length, 2);
});
