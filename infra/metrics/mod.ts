export { createMetrics, type Metrics } from "./registry.ts";
export { type PoolCounters, registerWorkerPoolMetrics } from "./worker_pool_metrics.ts";
