import assert from "node:assert/strict";
import { createPrincipal } from "../access/mod.ts";
import type { CursorCodec } from "./cursor.ts";
import type { LogStore } from "./ports.ts";
import type { SearchHistoryRepository } from "./search_history.ts";
import { searchLogs } from "./search_logs.ts";
import { DEFAULT_SEARCH_LIMITS } from "./search_query.ts";

const store = {
  search: () => Promise.resolve({ events: [], total: { value: 0, relation: "eq" } }),
} as unknown as LogStore;
const cursors = {} as CursorCodec;
const admin = createPrincipal("u1", { roles: ["admin"] });

function deps(recordRun: SearchHistoryRepository["recordRun"], errors: unknown[] = []) {
  return {
    store,
    cursors,
    history: { recordRun } as SearchHistoryRepository,
    maskEvent: <T>(event: T) => event,
    limits: DEFAULT_SEARCH_LIMITS,
    onBackgroundError: (error: unknown) => void errors.push(error),
  };
}

Deno.test("searchLogs: a slow history write does not hold the answer back", async () => {
  let recorded = 0;
  const never = () => {
    recorded++;
    return new Promise<void>(() => {});
  };
  const page = await searchLogs(deps(never), {
    principal: admin,
    query: { q: "timeout" },
    record: true,
  });
  assert.deepEqual(page.items, []);
  assert.equal(recorded, 1, "the run was still recorded");
});

Deno.test("searchLogs: history failures are reported, never returned", async () => {
  const errors: unknown[] = [];
  const failing = () => Promise.reject(new Error("history down"));
  const throwing = (): Promise<void> => {
    throw new Error("history broken");
  };
  await searchLogs(deps(failing, errors), { principal: admin, query: { q: "a" }, record: true });
  await searchLogs(deps(throwing, errors), { principal: admin, query: { q: "b" }, record: true });
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(errors.map((e) => (e as Error).message), ["history down", "history broken"]);
});
