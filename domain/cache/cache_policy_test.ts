import assert from "node:assert/strict";
import { createPrincipal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import {
  accessScope,
  bucketedNow,
  cachePattern,
  DEFAULT_CACHE_TTLS,
  servesStaleOn,
  ttlForRange,
} from "./cache_policy.ts";
import { historyTag, ingestTags, MAX_SEARCH_TAGS, searchTags } from "./cache_tags.ts";

const at = (iso: string) => new Date(iso);

Deno.test("ttlForRange: short TTL while the range's end is within the freshness window", () => {
  const now = at("2026-12-01T12:00:00Z");
  assert.equal(ttlForRange(at("2026-12-01T11:59:30Z"), now, DEFAULT_CACHE_TTLS), 5_000);
  assert.equal(ttlForRange(at("2026-12-01T12:05:00Z"), now, DEFAULT_CACHE_TTLS), 5_000);
  assert.equal(ttlForRange(at("2026-12-01T11:58:59Z"), now, DEFAULT_CACHE_TTLS), 300_000);
});

Deno.test("bucketedNow: two calls a second apart share the bucket; it never goes back", () => {
  const a = bucketedNow(at("2026-12-01T12:00:01.200Z"), DEFAULT_CACHE_TTLS);
  const b = bucketedNow(at("2026-12-01T12:00:02.900Z"), DEFAULT_CACHE_TTLS);
  assert.equal(a.toISOString(), "2026-12-01T12:00:05.000Z");
  assert.equal(a.getTime(), b.getTime());
});

Deno.test("accessScope: roles, allowed services and clearance, order-free", () => {
  const dev = (services: string[]) => createPrincipal("u", { roles: ["developer"], services });
  assert.deepEqual(accessScope(dev(["b", "a", "a"])), accessScope(dev(["a", "b"])));
  assert.notDeepEqual(accessScope(dev(["a"])), accessScope(dev(["a", "b"])));
  const viewer = createPrincipal("u", { roles: ["viewer"], services: ["*"] });
  const analyst = createPrincipal("u", { roles: ["security_analyst"] });
  assert.deepEqual(accessScope(viewer).services, "all");
  assert.equal(accessScope(viewer).clear, false);
  assert.equal(accessScope(analyst).clear, true);
});

Deno.test("searchTags: category × day × service (or any); too many is not cached", () => {
  const filter = {
    categories: ["app", "error"] as const,
    from: at("2026-12-01T23:00:00Z"),
    to: at("2026-12-02T01:00:00Z"),
  };
  assert.deepEqual(searchTags({ ...filter, categories: [...filter.categories] }), [
    "logs:app:*:20261201",
    "logs:app:*:20261202",
    "logs:error:*:20261201",
    "logs:error:*:20261202",
  ]);
  assert.deepEqual(
    searchTags({ ...filter, categories: ["app"], services: ["checkout"] }),
    ["logs:app:checkout:20261201", "logs:app:checkout:20261202"],
  );
  const services = Array.from({ length: MAX_SEARCH_TAGS }, (_, i) => `s${i}`);
  assert.equal(searchTags({ ...filter, categories: ["app"], services }), undefined);
});

Deno.test("ingestTags: each event's service and the category's any-service tag, once", () => {
  const tags = ingestTags([
    { service: "checkout", category: "app", timestamp: "2026-12-01T10:00:00Z" },
    { service: "checkout", category: "app", timestamp: "2026-12-01T11:00:00Z" },
    { service: "payments", category: "error", timestamp: "2026-12-02T00:00:01Z" },
  ]);
  assert.deepEqual(tags.sort(), [
    "logs:app:*:20261201",
    "logs:app:checkout:20261201",
    "logs:error:*:20261202",
    "logs:error:payments:20261202",
  ]);
  assert.equal(historyTag("u-1"), "history:u-1");
});

Deno.test("servesStaleOn: unavailability only; cachePattern: key characters and *", () => {
  assert.equal(servesStaleOn(new AppError("SEARCH_UNAVAILABLE")), true);
  assert.equal(servesStaleOn(new AppError("OVERLOADED")), true);
  assert.equal(servesStaleOn(new AppError("LOG_QUERY_INVALID")), false);
  assert.equal(servesStaleOn(new Error("boom")), false);
  assert.equal(cachePattern("recent:checkout:*"), "recent:checkout:*");
  for (const bad of ["", "a b", "x?", "[ab]", "a\\*", "x".repeat(201)]) {
    assert.throws(
      () => cachePattern(bad),
      (e) => e instanceof AppError && e.code === "CACHE_PATTERN_INVALID",
    );
  }
});
