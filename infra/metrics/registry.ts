import client from "prom-client";
import type { HttpMetrics, RequestLabels } from "../../domain/observability/mod.ts";
import { cacheMetrics } from "./cache_metrics.ts";
import { alertMetrics } from "./alert_metrics.ts";
import { logSearchMetrics } from "./log_search_metrics.ts";

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
  const audit = auditMetrics(registry);

  const logSearch = logSearchMetrics(registry);
  const cache = cacheMetrics(registry);
  const alerts = alertMetrics(registry);

  return {
    registry,
    httpRequestsTotal,
    httpRequestDuration,
    dependencyUp,
    elasticsearchClusterHealth,
    ...audit,
    ...logSearch,
    ...cache,
    ...alerts,
    // The HTTP layer's port (domain/observability), over the metrics above.
    requestServed(labels: RequestLabels, seconds: number): void {
      httpRequestsTotal.inc(labels);
      httpRequestDuration.observe(labels, seconds);
    },
    dependencyChecked(dependency: string, up: boolean): void {
      dependencyUp.set({ dependency }, up ? 1 : 0);
    },
    logSearchStarted(route: string): (status: number) => void {
      logSearch.activeLogSearches.inc();
      const end = logSearch.logSearchDuration.startTimer({ route });
      return (status) => {
        end();
        logSearch.activeLogSearches.dec();
        logSearch.logSearchRequestsTotal.inc({ route, status: String(status) });
      };
    },
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  } satisfies HttpMetrics & Record<string, unknown>;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Audit trail metrics: appends, chain head, verifications, checkpoints. */
function auditMetrics(registry: client.Registry) {
  return {
    auditEventsAppendedTotal: new client.Counter({
      name: "audit_events_appended_total",
      help: "Audit events submitted to the chain by outcome (created, duplicate, conflict)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    auditAppendFailuresTotal: new client.Counter({
      name: "audit_append_failures_total",
      help: "Append transactions that failed (nothing of them was stored)",
      registers: [registry],
    }),
    auditAppendDuration: new client.Histogram({
      name: "audit_append_duration_seconds",
      help: "Duration of one append transaction (lock, link, insert, commit)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    auditAppendBatchSize: new client.Histogram({
      name: "audit_append_batch_size",
      help: "Events per append transaction (group commit gathers concurrent requests)",
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    }),
    auditChainHeadSeq: new client.Gauge({
      name: "audit_chain_head_seq",
      help: "Seq of the newest audit event this instance linked",
      registers: [registry],
    }),
    auditVerificationsTotal: new client.Counter({
      name: "audit_verifications_total",
      help: "Chain verifications by result (ok, broken, error)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    auditVerificationDuration: new client.Histogram({
      name: "audit_verification_duration_seconds",
      help: "Duration of a full chain verification",
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    auditCheckpointsTotal: new client.Counter({
      name: "audit_checkpoints_total",
      help: "Signed checkpoints created by reason (periodic, on_demand, retention)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
  };
}
