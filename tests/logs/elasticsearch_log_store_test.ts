/**
 * The Elasticsearch adapter with the real `@elastic/elasticsearch` 8.x client,
 * through the compatibility proxy in front of the OpenSearch test node (no
 * Elasticsearch 8 server can be installed on these machines). OpenSearch has
 * no `_pit` endpoint, so here the adapter shows its fallback: later pages
 * page with `search_after` alone (the point-in-time path itself is covered by
 * `infra/search/logs/engine_log_store_test.ts`).
 */
import { requireService } from "../support/services.ts";
import { openEngineStore } from "./engine_stores.ts";
import { logStoreContract } from "./log_store_contract.ts";

const url = await requireService("elasticsearch");
logStoreContract("elasticsearch", () => openEngineStore("elasticsearch", url!), { ignore: !url });
