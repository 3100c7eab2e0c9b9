/**
 * `deno task setup-es` against the real test node, through both clients:
 * idempotent, templates and data streams in place with the explicit
 * mappings, lifecycle policies installed where the engine supports them and
 * reported as skipped where it does not.
 */
import assert from "node:assert/strict";
import { createSearchClient } from "../../infra/search/mod.ts";
import { engineHttp, setupSearchEngine } from "../../infra/search/setup/mod.ts";
import { requireService } from "../support/services.ts";

const targets = [
  { engine: "opensearch" as const, url: await requireService("opensearch") },
  { engine: "elasticsearch" as const, url: await requireService("elasticsearch") },
];

for (const { engine, url } of targets) {
  Deno.test({
    name: `[${engine} client] setup-es installs templates, streams and policies idempotently`,
    ignore: !url,
    sanitizeResources: false,
    async fn() {
      const search = createSearchClient(engine, { url: url!, timeoutMs: 30_000 });
      const http = engineHttp(search);
      const namespace = `s${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;
      const lines: string[] = [];
      try {
        const first = await setupSearchEngine(http, {
          namespace,
          onProgress: (l) => lines.push(l),
        });
        const second = await setupSearchEngine(http, { namespace });
        assert.match(lines[0]!, /^engine: opensearch \d/);
        assert.ok(first.applied.includes(`data stream logs-app-${namespace}`));
        assert.ok(
          !second.applied.some((a) => a.startsWith("data stream")),
          "streams exist already",
        );

        const template = await http.request("GET", "/_index_template/logaudit-logs-error");
        assert.equal(template.status, 200);
        const mapping = await http.request("GET", `/logs-error-${namespace}/_mapping`);
        const [backing] = Object.values(
          mapping.body as Record<string, {
            mappings: {
              dynamic: string;
              properties: Record<string, { type?: string; analyzer?: string }>;
            };
          }>,
        );
        assert.equal(backing!.mappings.dynamic, "false");
        assert.equal(backing!.mappings.properties.message?.analyzer, "log_text");
        assert.equal(backing!.mappings.properties.attributes?.type, "flat_object");
        assert.equal(backing!.mappings.properties.labels?.type, "flat_object");

        const caps = first.capabilities;
        if (caps.lifecycle === "ism") {
          const policy = await http.request("GET", "/_plugins/_ism/policies/logaudit-logs-error");
          assert.equal(policy.status, 200);
          assert.equal(second.skipped.length, 0);
        } else {
          assert.ok(lines.some((l) => /skipped: lifecycle policies/.test(l)));
          assert.deepEqual(
            first.skipped.filter((s) => s.startsWith("lifecycle")),
            ["app", "error", "security", "audit"].map((s) => `lifecycle policy logaudit-logs-${s}`),
          );
        }
      } finally {
        await http.request("DELETE", `/_data_stream/logs-*-${namespace}`);
        await search.client.close();
      }
    },
  });
}
