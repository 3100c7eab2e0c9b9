/**
 * Proves the test services are usable with the real search clients:
 * `@elastic/elasticsearch` 8.x through the compatibility proxy, and
 * `@opensearch-project/opensearch` directly against the node.
 */
import assert from "node:assert/strict";
import { Client as ElasticClient } from "@elastic/elasticsearch";
import { Client as OpenSearchClient } from "@opensearch-project/opensearch";
import { plainMediaType } from "./es_compat_proxy.ts";
import { requireService } from "../support/services.ts";

const elasticsearchUrl = await requireService("elasticsearch");
const opensearchUrl = await requireService("opensearch");

interface Doc {
  message: string;
  level: string;
  n: number;
}

const DOCS: Doc[] = [
  { message: "first event", level: "info", n: 1 },
  { message: "second event", level: "warn", n: 2 },
  { message: "third event", level: "error", n: 3 },
];

function uniqueIndex(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

Deno.test("plainMediaType rewrites the Elasticsearch vendor media types only", () => {
  assert.equal(
    plainMediaType("application/vnd.elasticsearch+json; compatible-with=8"),
    "application/json",
  );
  assert.equal(
    plainMediaType("application/vnd.elasticsearch+x-ndjson; compatible-with=8"),
    "application/x-ndjson",
  );
  assert.equal(
    plainMediaType("application/json; charset=UTF-8"),
    "application/json; charset=UTF-8",
  );
  assert.equal(plainMediaType("text/plain"), "text/plain");
});

Deno.test({
  name: "@elastic/elasticsearch 8.x works through the compatibility proxy",
  ignore: !elasticsearchUrl,
  fn: async () => {
    const client = new ElasticClient({ node: elasticsearchUrl! });
    const index = uniqueIndex("es-compat-proxy-test");
    try {
      const health = await client.cluster.health();
      assert.ok(["green", "yellow"].includes(String(health.status)), `status ${health.status}`);

      await client.indices.create({
        index,
        mappings: { properties: { message: { type: "text" }, level: { type: "keyword" } } },
      });
      assert.equal(await client.indices.exists({ index }), true);

      const result = await client.helpers.bulk<Doc>({
        datasource: DOCS,
        onDocument: () => ({ index: { _index: index } }),
        refreshOnCompletion: index,
      });
      assert.equal(result.successful, 3);
      assert.equal(result.failed, 0);

      const found = await client.search<Doc>({
        index,
        query: { match: { message: "event" } },
        sort: [{ n: "asc" }],
      });
      assert.deepEqual(found.hits.hits.map((hit) => hit._source?.n), [1, 2, 3]);

      const errors = await client.search<Doc>({ index, query: { term: { level: "error" } } });
      assert.deepEqual(errors.hits.hits.map((hit) => hit._source?.message), ["third event"]);

      await client.indices.delete({ index });
      assert.equal(await client.indices.exists({ index }), false);
    } finally {
      await client.indices.delete({ index }, { ignore: [404] });
      await client.close();
    }
  },
});

Deno.test({
  name: "@opensearch-project/opensearch works directly against the node",
  ignore: !opensearchUrl,
  fn: async () => {
    const client = new OpenSearchClient({ node: opensearchUrl! });
    const index = uniqueIndex("opensearch-client-test");
    try {
      const health = await client.cluster.health();
      assert.ok(["green", "yellow"].includes(String(health.body.status)));

      await client.indices.create({
        index,
        body: {
          mappings: { properties: { message: { type: "text" }, level: { type: "keyword" } } },
        },
      });

      const bulk = await client.bulk({
        refresh: true,
        body: DOCS.flatMap((doc) => [{ index: { _index: index } }, doc]),
      });
      assert.equal(bulk.body.errors, false);
      assert.equal(bulk.body.items.length, 3);

      const found = await client.search({
        index,
        body: { query: { match: { message: "event" } }, sort: [{ n: "asc" }] },
      });
      const sources = found.body.hits.hits.map((hit) => hit._source as Doc | undefined);
      assert.deepEqual(sources.map((doc) => doc?.n), [1, 2, 3]);

      await client.indices.delete({ index });
      assert.equal((await client.indices.exists({ index })).body, false);
    } finally {
      await client.indices.delete({ index }, { ignore: [404] });
      await client.close();
    }
  },
});
