import assert from "node:assert/strict";
import { createGroupCommit } from "./group_commit.ts";

Deno.test("group commit: appends arriving during a commit share the next one, in order", async () => {
  const commits: number[][] = [];
  const group = createGroupCommit<number, string>(async (items) => {
    commits.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return items.map((i) => `ok-${i}`);
  }, { maxItems: 5, closedError: () => new Error("closed") });
  const results = await Promise.all([
    group.submit([1]),
    group.submit([2, 3]),
    group.submit([4]),
    group.submit([5, 6, 7]),
  ]);
  assert.deepEqual(results, [["ok-1"], ["ok-2", "ok-3"], ["ok-4"], ["ok-5", "ok-6", "ok-7"]]);
  assert.deepEqual(commits, [[1], [2, 3, 4], [5, 6, 7]]);
});

Deno.test("group commit: a failed commit fails only its group; close refuses new appends", async () => {
  let calls = 0;
  const group = createGroupCommit<number, number>((items) => {
    calls++;
    return calls === 1 ? Promise.reject(new Error("db down")) : Promise.resolve([...items]);
  }, { maxItems: 10, closedError: () => new Error("closed") });
  const first = group.submit([1]);
  const second = group.submit([2]);
  await assert.rejects(first, /db down/);
  assert.deepEqual(await second, [2]);
  await group.close();
  await assert.rejects(group.submit([3]), /closed/);
});
