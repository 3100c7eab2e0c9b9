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
function fakeOps(options: { pitTiebreaker: boolean; pit?: "ok" | "unsupported" | "unavailable" }) {
  const calls: { op: string; index?: string; body?: EngineSearchBody }[] = [];
  let failNextSearch: EngineErrorKind | undefined;
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
      calls.push({ op: "bulk" });
      return Promise.resolve([
        { eventId: documents[0]!.id, status: 409, reason: "version_conflict" },
        { eventId: documents[1]!.id, status: 400, reason: "mapper_parsing_exception: bad" },
      ]);
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
    classify: (error) => (error instanceof Fail ? error.kind : "other"),
  };
  return { ops, calls, failNext: (kind: EngineErrorKind) => (failNextSearch = kind) };
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

Deno.test("engine store: bulk drops map to duplicate (409) and failed", async () => {
  const { ops } = fakeOps({ pitTiebreaker: false });
  const event = (id: string) =>
    ({
      "event.id": id,
      "@timestamp": "2026-11-27T12:00:00.000Z",
      "event.ingested": "2026-11-27T12:00:00.000Z",
      message: "m",
      "log.level": "info",
      "service.name": "s",
      "event.category": "app",
    }) as LogEvent;
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
