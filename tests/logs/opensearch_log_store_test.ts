import { requireService } from "../support/services.ts";
import { openEngineStore } from "./engine_stores.ts";
import { logStoreContract } from "./log_store_contract.ts";

const url = await requireService("opensearch");
logStoreContract("opensearch", () => openEngineStore("opensearch", url!), {
  ignore: !url,
  expectSnapshot: true,
});
