import client from "prom-client";

/**
 * The service's Prometheus metrics, on a registry of its own (not the global
 * default) so tests can build several apps in one process. Names follow SPEC
 * S13; feature metrics are added to this object as features land.
 */
export function createMetrics(options: { collectDefault?: boolean } = {}) {
  const registry = new client.Registry();
  if (options.collectDefault ?? true) client.collectDefaultMetrics({ register: registry });

  const httpRequestsTotal = new client.Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const httpRequestDuration = new client.Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const dependencyUp = new client.Gauge({
    name: "dependency_up",
    help: "1 when the last health check of a dependency passed",
    labelNames: ["dependency"] as const,
    registers: [registry],
  });
  const elasticsearchClusterHealth = new client.Gauge({
    name: "elasticsearch_cluster_health",
    help: "Search cluster status: 2 green, 1 yellow, 0 red or unreachable",
    registers: [registry],
  });

  return {
    registry,
    httpRequestsTotal,
    httpRequestDuration,
    dependencyUp,
    elasticsearchClusterHealth,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
