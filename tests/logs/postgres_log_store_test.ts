import { createPostgresLogStore } from "../../infra/postgres/logs/mod.ts";
import { databaseEngines } from "../support/databases.ts";
import { logStoreContract } from "./log_store_contract.ts";

for (const engine of await databaseEngines()) {
  logStoreContract(engine.name, async () => {
    const db = await engine.open({ migrate: true });
    return { store: createPostgresLogStore(db.sql), close: () => db.close() };
  }, { ignore: !engine.available });
}
