import assert from "node:assert/strict";
import {
  buildErrorGroupsBody,
  buildIndexPattern,
  buildSearchBody,
  dataStreamName,
} from "./build_search_body.ts";
import { parseQuery } from "../../../domain/logs/mod.ts";

const from = new Date("2026-11-27T11:45:00.000Z");
const to = new Date("2026-11-27T12:00:00.000Z");
const fields = ["message", "error.message"];

Deno.test("buildSearchBody: filter context, keyset paging, one extra hit", () => {
  const body = buildSearchBody({
    filter: {
      from,
      to,
      categories: ["app", "error"],
      services: ["checkout"],
      levels: ["error"],
      text: parseQuery('"connection refused" OR status:>=500')!,
    },
    order: "newest",
    size: 50,
    after: [1764244800000, "e-1"],
    totalBound: 10_000,
  });
  assert.deepEqual(body, {
    query: {
      bool: {
        filter: [
          {
            range: {
              "@timestamp": {
                gte: "2026-11-27T11:45:00.000Z",
                lte: "2026-11-27T12:00:00.000Z",
                format: "strict_date_optional_time",
              },
            },
          },
          { terms: { "event.category": ["app", "error"] } },
          { terms: { "service.name": ["checkout"] } },
          { terms: { "log.level": ["error"] } },
          {
            bool: {
              should: [
                {
                  simple_query_string: {
                    query: '"connection refused"',
                    fields,
                    default_operator: "and",
                    flags: "PHRASE|ESCAPE",
                  },
                },
                { range: { "http.response.status_code": { gte: 500 } } },
              ],
              minimum_should_match: 1,
            },
          },
        ],
      },
    },
    sort: [{ "@timestamp": { order: "desc" } }, { "event.id": { order: "desc" } }],
    size: 51,
    track_total_hits: 10_000,
    search_after: [1764244800000, "e-1"],
  });
});

Deno.test("buildSearchBody: user text cannot switch on query features", () => {
  const body = buildSearchBody({
    filter: { from, to, categories: ["app"], text: parseQuery('"a\\b | c" -url.path:/x* tim*')! },
    order: "oldest",
    size: 10,
    totalBound: 0,
  });
  const [, , text] = (body.query as { bool: { filter: unknown[] } }).bool.filter;
  assert.deepEqual(text, {
    bool: {
      filter: [
        {
          simple_query_string: {
            query: '"a\\\\b | c"',
            fields,
            default_operator: "and",
            flags: "PHRASE|ESCAPE",
          },
        },
        { bool: { must_not: [{ prefix: { "url.path": { value: "/x" } } }] } },
        {
          simple_query_string: { query: "tim*", fields, default_operator: "and", flags: "PREFIX" },
        },
      ],
    },
  });
  assert.equal(body.track_total_hits, false);
  assert.deepEqual(body.sort, [{ "@timestamp": { order: "asc" } }, {
    "event.id": { order: "asc" },
  }]);
});

Deno.test("buildSearchBody: no allowed service matches nothing", () => {
  const body = buildSearchBody({
    filter: { from, to, categories: ["app"], services: [] },
    order: "newest",
    size: 1,
    totalBound: 0,
  });
  assert.deepEqual((body.query as { bool: { filter: unknown[] } }).bool.filter[2], {
    match_none: {},
  });
});

Deno.test("buildErrorGroupsBody: most frequent first, ties by name", () => {
  const body = buildErrorGroupsBody({ from, to, categories: ["error"] }, 5);
  assert.deepEqual(body.aggs, {
    by_type: {
      terms: { field: "error.type", size: 5, order: [{ _count: "desc" }, { _key: "asc" }] },
    },
  });
  assert.equal(body.size, 0);
});

Deno.test("buildIndexPattern: names come from the category enum and the server namespace only", () => {
  assert.equal(
    buildIndexPattern(["app", "error", "app"], "default"),
    "logs-app-default,logs-error-default",
  );
  assert.equal(dataStreamName("audit", "prod_eu"), "logs-audit-prod_eu");
  for (const bad of ["*", "_all", "a,b", "remote:x", "<x-{now/d}>", "a-b", ""]) {
    assert.throws(() => dataStreamName("app", bad));
  }
});
