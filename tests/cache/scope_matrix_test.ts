/**
 * Callers with different access scopes never share a cached page, in either
 * tier. Every ordered pair of the scopes below — each role of the RBAC
 * matrix that reads logs, with the service scopes a token can carry — runs
 * the same search one after the other: the second caller's answer must come
 * from the store, never from the first caller's entry. Memory tier: one
 * instance without Redis. Redis tier: the first caller on one instance, the
 * second on another that shares Redis (where the first caller's entry is
 * proven to be by being served to that same caller).
 */
import assert from "node:assert/strict";
import type { Role } from "../../domain/access/mod.ts";
import { composeTestService, type ServiceUnderTest } from "../support/composed_service.ts";
import { redisRestToken, requireService } from "../support/services.ts";

const postgres = await requireService("postgres");
const redisUrl = await requireService("redis_rest");

interface Scope {
  readonly name: string;
  readonly role: Role;
  readonly services?: readonly string[];
}

const SCOPES: readonly Scope[] = [
  { name: "admin", role: "admin" },
  { name: "security_analyst", role: "security_analyst" },
  { name: "developer[checkout]", role: "developer", services: ["checkout"] },
  { name: "developer[payments]", role: "developer", services: ["payments"] },
  { name: "developer[checkout,payments]", role: "developer", services: ["checkout", "payments"] },
  { name: "developer[*]", role: "developer", services: ["*"] },
  { name: "viewer[*]", role: "viewer", services: ["*"] },
  { name: "viewer[checkout]", role: "viewer", services: ["checkout"] },
];

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const EVENTS = [
  ["checkout", "app", "order placed by jane.doe@example.com"],
  ["checkout", "error", "order failed for jane.doe@example.com"],
  ["payments", "app", "order paid by card"],
  ["payments", "error", "order refund failed"],
  ["auth", "security", "order access denied"],
].map(([service, category, message], i) => ({
  "event.id": `scope-${i}`,
  "@timestamp": minutesAgo(5 + i),
  "service.name": service,
  "event.category": category,
  "log.level": category === "error" ? "error" : "info",
  message,
}));

type Answer = { cache: string; ids: string; body: string };

// An absolute range, wholly older than the freshness window: keys do not move with the clock.
const RANGE = `from=${minutesAgo(30)}&to=${minutesAgo(2)}`;

async function search(svc: ServiceUnderTest, scope: Scope, query: string): Promise<Answer> {
  const response = await svc.call(`/api/v1/logs/search?q=${encodeURIComponent(query)}&${RANGE}`, {
    role: scope.role,
    sub: `matrix-${scope.name}`,
    ...(scope.services ? { services: scope.services } : {}),
  });
  assert.equal(response.status, 200, `${scope.name}: ${await response.clone().text()}`);
  const body = await response.json();
  const items = body.items as { "event.id": string; message: string }[];
  return {
    cache: body.cache,
    ids: items.map((e) => e["event.id"]).sort().join(","),
    body: JSON.stringify(items.map((e) => [e["event.id"], e.message])),
  };
}

Deno.test({
  name: "cache scope matrix: no pair of scopes shares an entry, in memory or in Redis",
  ignore: !postgres || !redisUrl,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const prefix = `t${crypto.randomUUID().slice(0, 8)}:`;
    // A generous Redis timeout: this test is about keys, not about a slow Redis on a busy machine.
    const redis = {
      REDIS_REST_URL: redisUrl!,
      REDIS_REST_TOKEN: redisRestToken(),
      REDIS_TIMEOUT_MS: "2000",
    };
    // No visibility lag (the Postgres store shows writes at commit): the ingest below drops
    // entries once, not again a moment later in the middle of the table.
    const memoryOnly = await composeTestService(postgres!, {
      CACHE_KEY_PREFIX: prefix,
      LOG_TAIL_LAG_MS: "0",
    });
    const first = await composeTestService(postgres!, { ...redis, CACHE_KEY_PREFIX: prefix }, {
      database: memoryOnly.db,
    });
    const second = await composeTestService(postgres!, { ...redis, CACHE_KEY_PREFIX: prefix }, {
      database: memoryOnly.db,
    });
    try {
      const ingest = await memoryOnly.call("/api/v1/logs", {
        role: "service",
        method: "POST",
        body: EVENTS,
      });
      assert.equal((await ingest.json()).created, EVENTS.length);

      // What each scope sees, straight from the store (a query no one asks again).
      const own = new Map<string, Answer>();
      for (const scope of SCOPES) own.set(scope.name, await search(memoryOnly, scope, "order"));
      assert.notEqual(own.get("admin")!.body, own.get("viewer[*]")!.body, "masked vs clear");
      assert.notEqual(own.get("developer[checkout]")!.ids, own.get("developer[payments]")!.ids);

      const table: string[] = [];
      let pair = 0;
      for (const a of SCOPES) {
        for (const b of SCOPES) {
          if (a === b) continue;
          pair++;
          // A query of this pair alone (same matches as "order"): a key no other step made.
          const query = `order OR zzpair${pair}`;
          const memory = [
            await search(memoryOnly, a, query),
            await search(memoryOnly, b, query),
            await search(memoryOnly, b, query),
          ];
          const shared = [await search(first, a, query)];
          await first.flushCache();
          shared.push(await search(second, b, query), await search(second, a, query));
          const row = {
            memory: memory.map((x) => x.cache).join("/"),
            redis: shared.map((x) => x.cache).join("/"),
            bSeesOwn: memory[1]!.body === own.get(b.name)!.body &&
              shared[1]!.body === own.get(b.name)!.body,
          };
          table.push(`${a.name} → ${b.name}: memory ${row.memory}, redis ${row.redis}`);
          const ok = row.memory === "miss/miss/hit" && row.redis === "miss/miss/hit" &&
            row.bSeesOwn;
          assert.ok(ok, `a cached page crossed scopes:\n${table.join("\n")}`);
        }
      }
      assert.equal(table.length, SCOPES.length * (SCOPES.length - 1));
    } finally {
      await second.close();
      await first.close();
      await memoryOnly.close();
    }
  },
});
