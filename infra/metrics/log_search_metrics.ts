import client from "prom-client";

/**
 * The log-search metrics named in SPEC S13 (the plan's names), so the
 * shipped Prometheus rules and dashboard can rely on them.
 */
export function logSearchMetrics(registry: client.Registry) {
  return {
    logSearchRequestsTotal: new client.Counter({
      name: "log_search_requests_total",
      help: "Log search requests by route and status",
      labelNames: ["route", "status"] as const,
      registers: [registry],
    }),
    logSearchDuration: new client.Histogram({
      name: "log_search_duration_seconds",
      help: "Log search request duration by route",
      labelNames: ["route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    activeLogSearches: new client.Gauge({
      name: "active_log_searches",
      help: "Log searches in progress",
      registers: [registry],
    }),
    elasticsearchQueryDuration: new client.Histogram({
      name: "elasticsearch_query_duration_seconds",
      help: "Duration of log store operations by engine and operation",
      labelNames: ["engine", "operation"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    elasticsearchConnectionErrorsTotal: new client.Counter({
      name: "elasticsearch_connection_errors_total",
      help: "Log store operations that failed, by engine and operation",
      labelNames: ["engine", "operation"] as const,
      registers: [registry],
    }),
  };
}
