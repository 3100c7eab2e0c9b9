/** `find_saved_searches` and `find_frequent_searches` on both engines. */
import assert from "node:assert/strict";
import { testOnEachDatabase } from "../../tests/support/databases.ts";
import { createSearchHistoryRepository } from "./search_history_repository.ts";

await testOnEachDatabase("search history: saved and frequent searches", async (db) => {
  const history = createSearchHistoryRepository(db.sql);
  const search = (q: string) => ({ q, sort: "newest" as const });
  for (const [q, runs] of [["timeout", 3], ["error 500", 1], ["login failed", 2]] as const) {
    for (let i = 0; i < runs; i++) await history.recordRun("u-1", search(q), `q=${q}`);
  }
  await history.recordRun("u-2", search("timeout"), "q=timeout");
  await history.save("u-1", "Logins", search("login failed"), "q=login failed");
  await history.save("u-1", "Errors", search("error 500"), "q=error 500");

  const frequent = await history.findFrequent("u-1", 2);
  assert.deepEqual(frequent.map((e) => [e.query.q, e.runCount]), [["timeout", 3], [
    "login failed",
    2,
  ]]);
  const saved = await history.findSaved("u-1");
  assert.deepEqual(saved.map((e) => [e.name, e.query.q]), [["Errors", "error 500"], [
    "Logins",
    "login failed",
  ]]);
  assert.deepEqual(await history.findSaved("u-2"), []);
});
