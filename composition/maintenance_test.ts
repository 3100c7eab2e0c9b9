import assert from "node:assert/strict";
import { createLogger } from "../infra/logging/mod.ts";
import { startMaintenance } from "./maintenance.ts";

Deno.test("maintenance runs each job at once and on its interval, never overlapping, and logs failures", async () => {
  const logs: string[] = [];
  const logger = createLogger({ level: "error", serviceName: "test", write: (l) => logs.push(l) });
  let runs = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const maintenance = startMaintenance([
    {
      name: "slow",
      everyMs: 5,
      run: async () => {
        runs++;
        maxConcurrent = Math.max(maxConcurrent, ++concurrent);
        await new Promise((resolve) => setTimeout(resolve, 20));
        concurrent--;
      },
    },
    { name: "broken", everyMs: 1000, run: () => Promise.reject(new Error("db down")) },
    { name: "disabled", everyMs: 0, run: () => Promise.reject(new Error("must not run")) },
  ], logger);
  await new Promise((resolve) => setTimeout(resolve, 70));
  await maintenance.stop();
  assert.ok(runs >= 2, `ran ${runs} times`);
  assert.equal(maxConcurrent, 1);
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /maintenance failed: broken/);
});
