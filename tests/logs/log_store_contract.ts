/**
 * The behaviour every `LogStore` adapter must show, as one test per adapter
 * with a step per case of the shared table.
 * @module
 */
import assert from "node:assert/strict";
import { createPrincipal } from "../../domain/access/mod.ts";
import {
  type LogEvent,
  type LogSearchInput,
  type LogStore,
  parseLogEvent,
  prepareSearch,
  type SearchLimits,
  searchLogs,
} from "../../domain/logs/mod.ts";
import { createHmacCursorCodec } from "../../infra/cursor/mod.ts";
import { fixtureEvents, fixtureNow, QUERY_CASES } from "./log_fixture.ts";

/** A store under test and how to dispose of it. */
export interface OpenedStore {
  readonly store: LogStore;
  close(): Promise<void>;
}

export const TEST_LIMITS: SearchLimits = {
  defaultPageSize: 50,
  maxPageSize: 500,
  defaultRangeMs: 15 * 60_000,
  maxRangeMs: 31 * 86_400_000,
  totalBound: 10_000,
};

const admin = createPrincipal("admin-1", { roles: ["admin"] });

/** Parses fixture events as ingestion would, stamping `event.ingested` with `at`. */
export function parseFixture(raw: Record<string, unknown>[], at: Date): LogEvent[] {
  return raw.map((r) => {
    const parsed = parseLogEvent(r, { now: at, newId: () => crypto.randomUUID() });
    if (!parsed.ok) throw new Error(`fixture event invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.event;
  });
}

/** Registers the contract test of one adapter. */
export function logStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: {
    ignore?: boolean;
    /** True where later pages run inside a point in time (OpenSearch 2.4+, Elasticsearch). */
    expectSnapshot?: boolean;
  } = {},
): void {
  Deno.test({
    name: `[${name}] log store answers the shared query table`,
    ignore: options.ignore ?? false,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      const opened = await open();
      const { store } = opened;
      try {
        const now = fixtureNow();
        const events = parseFixture(fixtureEvents(now), now);
        const outcomes = await store.ingest(events);
        assert.deepEqual(new Set(outcomes.map((o) => o.status)), new Set(["created"]));
        await store.refresh();
        const window = {
          from: new Date(now.getTime() - 60 * 60_000).toISOString(),
          to: now.toISOString(),
        };
        const prepare = (input: LogSearchInput) =>
          prepareSearch(admin, input, { limits: TEST_LIMITS, now });

        for (const c of QUERY_CASES) {
          await t.step(c.name, async () => {
            const input = c.window === "default" ? c.input : { ...window, ...c.input };
            const prepared = prepare(input);
            const result = await store.search({
              filter: prepared.filter,
              order: prepared.order,
              size: 100,
              totalBound: 100,
            });
            assert.deepEqual(result.events.map((e) => e["event.id"]), c.expect);
            assert.deepEqual(result.total, { value: c.expect.length, relation: "eq" });
            assert.equal(result.next, undefined);
          });
        }

        await t.step("events come back as they went in", async () => {
          const prepared = prepare({ ...window, q: "event.id:e01" });
          const [found] = (await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 5,
            totalBound: 0,
          })).events;
          assert.deepEqual(found, events.find((e) => e["event.id"] === "e01"));
          const nested = (await store.search({
            filter: prepare({ ...window, q: "event.id:e02" }).filter,
            order: "newest",
            size: 5,
            totalBound: 0,
          })).events[0];
          assert.equal(nested?.["service.name"], "checkout");
          assert.equal(nested?.["log.level"], "warn");
          assert.equal(nested?.["trace.id"], "t-aaa");
        });

        await t.step("totals are exact up to the bound, then a lower bound", async () => {
          const prepared = prepare(window);
          const bounded = await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 2,
            totalBound: 5,
          });
          assert.deepEqual(bounded.total, { value: 5, relation: "gte" });
          const exact = await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 2,
            totalBound: 1000,
          });
          assert.deepEqual(exact.total, { value: 24, relation: "eq" });
        });

        await t.step("pages through everything with signed cursors", async () => {
          const cursors = await createHmacCursorCodec({ key: "k".repeat(32), ttlSeconds: 60 });
          const deps = {
            store,
            cursors,
            maskEvent: (e: LogEvent) => e,
            limits: TEST_LIMITS,
            now: () => now,
          };
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await searchLogs(deps, {
              principal: admin,
              query: { ...window, page_size: 5 },
              ...(cursor ? { cursor } : {}),
            });
            seen.push(...page.items.map((e) => e["event.id"]));
            assert.deepEqual(page.total, { value: 24, relation: "eq" });
            cursor = page.next_cursor ?? undefined;
            pages++;
          } while (cursor && pages < 10);
          assert.equal(pages, 5);
          assert.deepEqual(seen, QUERY_CASES[0]!.expect);
        });

        await t.step("later pages run in a snapshot where the engine has one", async () => {
          const prepared = prepare(window);
          const page1 = await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 10,
            totalBound: 0,
          });
          const page2 = await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 10,
            after: page1.next!,
            keepSnapshot: true,
            totalBound: 0,
          });
          assert.equal(page2.snapshot !== undefined, options.expectSnapshot ?? false);
          const page3 = await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 10,
            after: page2.next!,
            keepSnapshot: true,
            totalBound: 0,
            ...(page2.snapshot ? { snapshot: page2.snapshot } : {}),
          });
          assert.deepEqual(
            [...page1.events, ...page2.events, ...page3.events].map((e) => e["event.id"]),
            QUERY_CASES[0]!.expect,
          );
          if (page3.snapshot) await store.releaseSnapshot(page3.snapshot);
        });

        await t.step("groups errors by type, most frequent first", async () => {
          const prepared = prepare({ ...window, category: "error" });
          assert.deepEqual(await store.errorGroups(prepared.filter, 10), [
            { type: "TimeoutError", count: 3 },
            { type: "CardDeclined", count: 1 },
            { type: "ConnectionError", count: 1 },
            { type: "NullPointerException", count: 1 },
          ]);
        });

        await t.step(
          "counts matches per group of a keyword field, most frequent first",
          async () => {
            const prepared = prepare(window);
            const all = await store.search({
              filter: prepared.filter,
              order: "newest",
              size: 1000,
              totalBound: 0,
            });
            const tally = new Map<string, number>();
            for (const event of all.events) {
              const service = event["service.name"];
              tally.set(service, (tally.get(service) ?? 0) + 1);
            }
            const expected = [...tally].map(([key, count]) => ({ key, count }))
              .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
            assert.ok(expected.length > 1);
            assert.deepEqual(
              await store.countGroups(prepared.filter, "service.name", 100),
              expected,
            );
            assert.deepEqual(await store.countGroups(prepared.filter, "service.name", 1), [
              expected[0],
            ]);
            assert.deepEqual(await store.countGroups(prepared.filter, undefined, 100), [
              { key: "", count: all.events.length },
            ]);
            const errors = prepare({ ...window, category: "error" });
            assert.deepEqual(
              await store.countGroups(errors.filter, "error.type", 10),
              (await store.errorGroups(errors.filter, 10)).map((g) => ({
                key: g.type,
                count: g.count,
              })),
            );
          },
        );

        await t.step("ingestion is idempotent by event id", async () => {
          const again = parseFixture(fixtureEvents(now).slice(0, 3), now);
          const outcomes = await store.ingest(again);
          assert.deepEqual(outcomes.map((o) => o.status), ["duplicate", "duplicate", "duplicate"]);
          await store.refresh();
          const prepared = prepare(window);
          const result = await store.search({
            filter: prepared.filter,
            order: "newest",
            size: 1,
            totalBound: 1000,
          });
          assert.equal(result.total.value, 24);
        });

        await t.step("follows ingest order after a position (live tail)", async () => {
          const later = new Date(now.getTime() + 1000);
          const tailEvents = parseFixture([
            {
              "event.id": "tail-2",
              "service.name": "tailsvc",
              message: "second",
              "@timestamp": now.toISOString(),
            },
            {
              "event.id": "tail-1",
              "service.name": "tailsvc",
              message: "first",
              "@timestamp": now.toISOString(),
            },
          ], later);
          await store.ingest(tailEvents);
          await store.refresh();
          const prepared = prepare({ ...window, service: ["tailsvc"] });
          const first = await store.search({
            filter: { ...prepared.filter, ingestedUntil: later },
            order: "ingested",
            size: 1,
            after: [later.getTime() - 1, ""],
            totalBound: 0,
          });
          assert.deepEqual(first.events.map((e) => e["event.id"]), ["tail-1"]);
          assert.deepEqual(first.next, [later.getTime(), "tail-1"]);
          const second = await store.search({
            filter: { ...prepared.filter, ingestedUntil: later },
            order: "ingested",
            size: 1,
            after: first.next!,
            totalBound: 0,
          });
          assert.deepEqual(second.events.map((e) => e["event.id"]), ["tail-2"]);
          assert.equal(second.next, undefined);
          const notYet = await store.search({
            filter: { ...prepared.filter, ingestedUntil: new Date(later.getTime() - 1) },
            order: "ingested",
            size: 5,
            after: [0, ""],
            totalBound: 0,
          });
          assert.deepEqual(notYet.events, []);
        });
      } finally {
        await opened.close();
      }
    },
  });
}
