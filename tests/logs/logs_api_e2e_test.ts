/**
 * End to end over HTTP, on the embedded store and on the OpenSearch node:
 * ingest → search finds it → live tail delivers new events → a reconnect
 * with Last-Event-ID misses none. Plus masking on read, access scope,
 * cursors bound to their caller, and saved searches.
 */
import assert from "node:assert/strict";
import type { LogStore } from "../../domain/logs/mod.ts";
import { createPostgresLogStore } from "../../infra/postgres/logs/mod.ts";
import type { Sql } from "../../infra/postgres/mod.ts";
import { databaseEngines } from "../support/databases.ts";
import { requireService } from "../support/services.ts";
import { authHeader } from "../support/tokens.ts";
import { openEngineStore } from "./engine_stores.ts";
import { buildLogApp } from "./log_app.ts";
import { sseReader } from "./sse_reader.ts";

interface Target {
  readonly name: string;
  readonly ignore: boolean;
  open(): Promise<{ store: LogStore; sql: Sql; close(): Promise<void> }>;
}

const pglite = (await databaseEngines()).find((e) => e.name === "pglite")!;
const opensearchUrl = await requireService("opensearch");
const targets: Target[] = [
  {
    name: "pglite",
    ignore: false,
    async open() {
      const db = await pglite.open({ migrate: true });
      return {
        store: createPostgresLogStore(db.sql, { visibilityLagMs: 300 }),
        sql: db.sql,
        close: () => db.close(),
      };
    },
  },
  {
    name: "opensearch",
    ignore: !opensearchUrl,
    async open() {
      const db = await pglite.open({ migrate: true });
      const engine = await openEngineStore("opensearch", opensearchUrl!);
      return {
        store: engine.store,
        sql: db.sql,
        async close() {
          await engine.close();
          await db.close();
        },
      };
    },
  },
];

const service = await authHeader("service", { sub: "svc-shipper" });
const admin = await authHeader("admin", { sub: "admin-1" });
const analyst = await authHeader("security_analyst", { sub: "analyst-1" });
const developer = await authHeader("developer", { sub: "dev-1", services: ["checkout"] });
const viewer = await authHeader("viewer", { sub: "viewer-1", services: ["*"] });

function ndjson(events: Record<string, unknown>[]): string {
  return events.map((e) => JSON.stringify(e)).join("\n") + "\n";
}

function eventIds(items: { "event.id": string }[]): string[] {
  return items.map((e) => e["event.id"]);
}

for (const target of targets) {
  Deno.test({
    name: `[${target.name}] ingest → search → tail → resume over HTTP`,
    ignore: target.ignore,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      const opened = await target.open();
      const { app } = await buildLogApp(opened.store, { sql: opened.sql, tailPollMs: 100 });
      const getJson = async (path: string, headers: Record<string, string>) =>
        await (await app.request(path, { headers })).json();
      const now = Date.now();
      const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
      try {
        await t.step("ingest NDJSON with per-item results", async () => {
          const body = ndjson([
            {
              "event.id": "api-1",
              "@timestamp": at(60),
              "service.name": "checkout",
              message: "order placed by jane.doe@example.com",
            },
            {
              "event.id": "api-2",
              "@timestamp": at(50),
              "service.name": "checkout",
              "log.level": "error",
              message: "payment timeout",
              "error.type": "TimeoutError",
            },
            {
              "event.id": "api-3",
              "@timestamp": at(40),
              "service.name": "payments",
              "log.level": "error",
              message: "card declined",
              "error.type": "CardDeclined",
            },
            {
              "event.id": "api-4",
              "@timestamp": at(30),
              service: { name: "auth" },
              event: { category: "security", action: "login", outcome: "failure" },
              message: "login failed for bob",
            },
          ]) + "{not json\n" + JSON.stringify({ message: "no service" });
          const response = await app.request("/api/v1/logs", {
            method: "POST",
            headers: { ...service, "content-type": "application/x-ndjson" },
            body,
          });
          assert.equal(response.status, 200);
          const report = await response.json();
          assert.equal(report.created, 4);
          assert.equal(report.rejected, 2);
          assert.equal(report.errors, true);
          assert.deepEqual(report.items.map((i: { status: string }) => i.status), [
            "created",
            "created",
            "created",
            "created",
            "rejected",
            "rejected",
          ]);
          assert.deepEqual(report.items.map((i: { category?: string }) => i.category).slice(0, 4), [
            "app",
            "error",
            "error",
            "security",
          ]);
          assert.match(JSON.stringify(report.items[5].errors), /service\.name/);

          const again = await app.request("/api/v1/logs", {
            method: "POST",
            headers: { ...service, "content-type": "application/json" },
            body: JSON.stringify([{
              "event.id": "api-1",
              "@timestamp": at(60),
              "service.name": "checkout",
              message: "order placed",
            }]),
          });
          const second = await again.json();
          assert.equal(second.duplicates, 1);
          assert.equal(second.created, 0);
          await opened.store.refresh();
        });

        await t.step("search finds them; masking and scope follow the caller", async () => {
          const search = async (headers: Record<string, string>, query: string) => {
            const response = await app.request(`/api/v1/logs/search?from=${at(120)}&${query}`, {
              headers,
            });
            assert.equal(response.status, 200, await response.clone().text());
            return await response.json();
          };
          const all = await search(admin, "");
          assert.deepEqual(eventIds(all.items), [
            "api-4",
            "api-3",
            "api-2",
            "api-1",
          ]);
          assert.deepEqual(all.total, { value: 4, relation: "eq" });
          assert.equal(all.cache, "miss");
          assert.match(all.items[3].message, /\*\*\*/, "stored masked at ingest");
          assert.doesNotMatch(all.items[3].message, /jane\.doe@example\.com/);

          const dev = await search(developer, "");
          assert.deepEqual(eventIds(dev.items), [
            "api-2",
            "api-1",
          ]);
          const devOther = await search(developer, "service=payments");
          assert.deepEqual(devOther.items, [], "services outside the token are left out");
          const viewed = await search(viewer, "");
          assert.deepEqual(eventIds(viewed.items), [
            "api-1",
          ], "viewer: application logs only");
          const refused = await app.request(`/api/v1/logs/search?category=security`, {
            headers: developer,
          });
          assert.equal(refused.status, 403);
          await refused.body?.cancel();

          const errors = await getJson(
            `/api/v1/logs/errors?from=${at(120)}&group_by=error.type`,
            admin,
          );
          assert.deepEqual(errors.groups, [{ type: "CardDeclined", count: 1 }, {
            type: "TimeoutError",
            count: 1,
          }]);
          const security = await getJson(`/api/v1/logs/security?from=${at(120)}`, analyst);
          assert.deepEqual(eventIds(security.items), [
            "api-4",
          ]);
          const recent = await getJson("/api/v1/logs/recent/checkout?limit=1", admin);
          assert.deepEqual(eventIds(recent.items), [
            "api-2",
          ]);
          assert.equal(recent.next_cursor, null);
        });

        await t.step("cursors page on and are bound to their caller", async () => {
          const first = await getJson(`/api/v1/logs/search?from=${at(120)}&page_size=3`, admin);
          assert.equal(first.items.length, 3);
          assert.ok(first.next_cursor);
          const page2 = `/api/v1/logs/search?from=${at(120)}&page_size=3&cursor=${
            encodeURIComponent(first.next_cursor)
          }`;
          const next = await getJson(page2, admin);
          assert.deepEqual(eventIds(next.items), ["api-1"]);
          const stolen = await app.request(page2, { headers: analyst });
          assert.equal(stolen.status, 400);
          assert.equal((await stolen.json()).code, "LOG_CURSOR_INVALID");
        });

        await t.step(
          "live tail delivers new events; Last-Event-ID resumes without a gap",
          async () => {
            const controller = new AbortController();
            const response = await app.request("/api/v1/logs/tail?service=tailsvc", {
              headers: admin,
              signal: controller.signal,
            });
            assert.equal(response.status, 200);
            assert.match(response.headers.get("content-type") ?? "", /text\/event-stream/);
            const stream = sseReader(response.body!);
            assert.equal((await stream.next(5_000))?.event, "ready");

            const send = async (ids: string[]) => {
              const r = await app.request("/api/v1/logs", {
                method: "POST",
                headers: { ...service, "content-type": "application/json" },
                body: JSON.stringify(
                  ids.map((id) => ({
                    "event.id": id,
                    "service.name": "tailsvc",
                    message: `tail ${id}`,
                  })),
                ),
              });
              assert.equal((await r.json()).created, ids.length);
              await opened.store.refresh();
            };
            await send(["tail-01", "tail-02", "tail-03"]);
            const received: string[] = [];
            let lastId = "";
            while (received.length < 3) {
              const message = await stream.next(10_000);
              assert.ok(message, `tail delivered ${received.length} of 3`);
              if (message.event !== "log") continue;
              received.push(JSON.parse(message.data)["event.id"]);
              lastId = message.id!;
            }
            assert.deepEqual(received, ["tail-01", "tail-02", "tail-03"]);
            controller.abort();
            await stream.cancel();

            // Sent while nobody listens.
            await send(["tail-04", "tail-05"]);
            await send(["tail-06"]);

            const resumedController = new AbortController();
            const resumed = await app.request("/api/v1/logs/tail?service=tailsvc", {
              headers: { ...admin, "last-event-id": lastId },
              signal: resumedController.signal,
            });
            const resumedStream = sseReader(resumed.body!);
            const after: string[] = [];
            while (after.length < 3) {
              const message = await resumedStream.next(10_000);
              assert.ok(message, `resumed tail delivered ${after.length} of 3`);
              if (message.event === "log") after.push(JSON.parse(message.data)["event.id"]);
            }
            assert.deepEqual(after, ["tail-04", "tail-05", "tail-06"]);
            assert.equal(
              await resumedStream.next(800).then((m) => m?.event === "log" ? m : undefined),
              undefined,
              "no repeats",
            );
            resumedController.abort();
            await resumedStream.cancel();
          },
        );

        await t.step("searches are recorded; saved searches round-trip", async () => {
          const frequent = await getJson("/api/v1/searches/frequent", admin);
          assert.ok(frequent.items.length >= 1);
          assert.ok(frequent.items[0].run_count >= 2, "the same search counted twice");
          const saved = await app.request("/api/v1/searches", {
            method: "POST",
            headers: { ...admin, "content-type": "application/json" },
            body: JSON.stringify({
              name: "Checkout errors",
              query: { q: "timeout", service: ["checkout"], level: ["error"] },
            }),
          });
          assert.equal(saved.status, 201);
          const entry = await saved.json();
          assert.equal(entry.name, "Checkout errors");
          assert.deepEqual(entry.query, {
            q: "timeout",
            service: ["checkout"],
            level: ["error"],
            sort: "newest",
          });
          const list = await getJson("/api/v1/searches", admin);
          assert.deepEqual(list.items.map((i: { name: string }) => i.name), ["Checkout errors"]);
          const foreign = await app.request(`/api/v1/searches/${entry.id}`, {
            method: "DELETE",
            headers: analyst,
          });
          assert.equal(foreign.status, 404);
          assert.equal((await foreign.json()).code, "LOG_SEARCH_NOT_FOUND");
          const removed = await app.request(`/api/v1/searches/${entry.id}`, {
            method: "DELETE",
            headers: admin,
          });
          assert.equal(removed.status, 204);
          const empty = await getJson("/api/v1/searches", admin);
          assert.deepEqual(empty.items, []);
        });
      } finally {
        await opened.close();
      }
    },
  });
}
