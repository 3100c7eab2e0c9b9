import assert from "node:assert/strict";
import { createPrincipal } from "../access/mod.ts";
import { AppError } from "../errors/mod.ts";
import { DEFAULT_SEARCH_LIMITS, prepareSearch } from "./search_query.ts";

const now = new Date("2026-11-27T12:00:00.000Z");
const options = { limits: DEFAULT_SEARCH_LIMITS, now };
const admin = createPrincipal("a", { roles: ["admin"] });

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.code;
  }
  assert.fail("expected an error");
}

Deno.test("prepareSearch: default range is the last 15 minutes, newest first", () => {
  const prepared = prepareSearch(admin, {}, options);
  assert.equal(prepared.filter.to.toISOString(), now.toISOString());
  assert.equal(prepared.filter.from.toISOString(), "2026-11-27T11:45:00.000Z");
  assert.equal(prepared.order, "newest");
  assert.deepEqual(prepared.filter.categories, ["app", "error", "security"]);
  assert.equal(prepared.filter.services, undefined);
});

Deno.test("prepareSearch: bounds give their own codes", () => {
  assert.equal(
    code(() => prepareSearch(admin, { page_size: 501 }, options)),
    "LOG_PAGE_SIZE_TOO_LARGE",
  );
  assert.equal(code(() => prepareSearch(admin, { page_size: 0 }, options)), "LOG_QUERY_INVALID");
  assert.equal(
    code(() => prepareSearch(admin, { from: "2026-09-01T00:00:00Z" }, options)),
    "LOG_TIME_RANGE_TOO_WIDE",
  );
  assert.equal(
    code(() => prepareSearch(admin, { from: "2026-11-28T00:00:00Z" }, options)),
    "LOG_QUERY_INVALID",
  );
  assert.equal(code(() => prepareSearch(admin, { from: "now-1d" }, options)), "LOG_QUERY_INVALID");
  assert.equal(code(() => prepareSearch(admin, { level: ["loud"] }, options)), "LOG_QUERY_INVALID");
  assert.equal(code(() => prepareSearch(admin, { trace_id: "a b" }, options)), "LOG_QUERY_INVALID");
});

Deno.test("prepareSearch: index-like service names are refused", () => {
  for (const name of ["*", "_all", "-x", "a,b", "remote:x", "<logs-{now/d}>", "Logs"]) {
    assert.equal(
      code(() => prepareSearch(admin, { service: [name] }, options)),
      "LOG_QUERY_INVALID",
    );
  }
});

Deno.test("prepareSearch: categories by role, services by token", () => {
  const developer = createPrincipal("d", { roles: ["developer"], services: ["checkout", "cart"] });
  const prepared = prepareSearch(developer, {}, options);
  assert.deepEqual(prepared.filter.categories, ["app", "error"]);
  assert.deepEqual(prepared.filter.services, ["checkout", "cart"]);
  assert.deepEqual(
    prepareSearch(developer, { service: ["cart", "payments"] }, options).filter.services,
    ["cart"],
  );
  assert.deepEqual(
    prepareSearch(developer, { service: ["payments"] }, options).filter.services,
    [],
  );
  assert.equal(
    code(() => prepareSearch(developer, { category: "security" }, options)),
    "FORBIDDEN",
  );
  const noServices = createPrincipal("n", { roles: ["developer"] });
  assert.deepEqual(prepareSearch(noServices, {}, options).filter.services, []);
  const viewer = createPrincipal("v", { roles: ["viewer"], services: ["*"] });
  assert.deepEqual(prepareSearch(viewer, {}, options).filter.categories, ["app"]);
  assert.equal(prepareSearch(viewer, {}, options).filter.services, undefined);
});

Deno.test("prepareSearch: equal searches have equal keys whatever the spelling", () => {
  const a = prepareSearch(
    admin,
    { q: "Timeout  AND service:checkout", level: ["ERROR", "warn"] },
    options,
  );
  const b = prepareSearch(
    admin,
    { q: "timeout service.name:checkout", level: ["warn", "error"] },
    options,
  );
  assert.equal(a.key, b.key);
  assert.deepEqual(a.normalized, {
    q: "timeout AND service.name:checkout",
    level: ["error", "warn"],
    sort: "newest",
  });
  const c = prepareSearch(admin, { q: "timeout", sort: "oldest" }, options);
  assert.notEqual(a.key, c.key);
});
