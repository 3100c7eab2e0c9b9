import client from "prom-client";
import type { PoolStats } from "../../workers/pool.ts";

/**
 * Exposes a worker pool's state (SPEC S11/S13), read at scrape time so the
 * pool itself stays free of metrics code.
 */
export function registerWorkerPoolMetrics(
  registry: client.Registry,
  stats: () => PoolStats,
): void {
  new client.Gauge({
    name: "worker_pool_workers",
    help: "Worker threads by state",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const s = stats();
      this.set({ state: "busy" }, s.busy);
      this.set({ state: "idle" }, s.idle);
    },
  });
  new client.Gauge({
    name: "worker_pool_queue_length",
    help: "Tasks waiting for a worker",
    registers: [registry],
    collect() {
      this.set(stats().queued);
    },
  });
  new client.Gauge({
    name: "worker_pool_tasks",
    help: "Tasks finished since start, by outcome (rejected = queue full)",
    labelNames: ["outcome"] as const,
    registers: [registry],
    collect() {
      const s = stats();
      this.set({ outcome: "completed" }, s.completed);
      this.set({ outcome: "failed" }, s.failed);
      this.set({ outcome: "timed_out" }, s.timedOut);
      this.set({ outcome: "crashed" }, s.crashed);
      this.set({ outcome: "rejected" }, s.rejected);
    },
  });
}
