/**
 * Idempotent ingestion across a rollover, on the real test node through both
 * adapters: `create` alone refuses a known id only inside one backing index.
 */
import assert from "node:assert/strict";
import { engineHttp } from "../../infra/search/setup/mod.ts";
import { requireService } from "../support/services.ts";
import { openEngineStore } from "./engine_stores.ts";
import { parseFixture } from "./log_store_contract.ts";

for (const engine of ["opensearch", "elasticsearch"] as const) {
  const url = await requireService(engine);
  Deno.test({
    name: `[${engine}] a resent event stays one copy after the data stream rolls over`,
    ignore: !url,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const opened = await openEngineStore(engine, url!);
      const { store, search, namespace } = opened;
      try {
        const now = new Date();
        const raw = (id: string) => ({
          "event.id": id,
          "service.name": "rollsvc",
          message: id,
          "@timestamp": now.toISOString(),
        });
        const [sent] = parseFixture([raw("roll-1")], now);
        // No refresh: the copy in the rolled-over index is not searchable yet.
        assert.deepEqual(await store.ingest([sent!]), [{ status: "created" }]);

        const rolled = await engineHttp(search).request("POST", `/logs-app-${namespace}/_rollover`);
        assert.equal(rolled.status, 200);
        assert.equal((rolled.body as { rolled_over?: boolean }).rolled_over, true);
        // Resent at once, as a client retry would be.

        const [fresh] = parseFixture([raw("roll-2")], now);
        assert.deepEqual(await store.ingest([sent!, fresh!]), [
          { status: "duplicate" },
          { status: "created" },
        ]);
        await store.refresh();
        const found = await store.search({
          filter: {
            from: new Date(now.getTime() - 60_000),
            to: new Date(now.getTime() + 60_000),
            categories: ["app"],
          },
          order: "newest",
          size: 10,
          totalBound: 100,
        });
        assert.deepEqual(found.events.map((e) => e["event.id"]).sort(), ["roll-1", "roll-2"]);
        assert.deepEqual(found.total, { value: 2, relation: "eq" });
      } finally {
        await opened.close();
      }
    },
  });
}
