export { createMetrics, type Metrics } from "./registry.ts";
export { registerWorkerPoolMetrics } from "./worker_pool_metrics.ts";
export { registerBreakerMetrics, registerCacheGauges } from "./cache_metrics.ts";
