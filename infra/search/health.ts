import type { DependencyCheck } from "../../domain/health/mod.ts";
import type { Metrics } from "../metrics/mod.ts";
import { clusterHealth, type SearchClient } from "./clients.ts";

const STATUS_VALUE: Record<string, number> = { green: 2, yellow: 1, red: 0 };

/** Health check: the cluster answers and is not red. */
export function searchHealthCheck(search: SearchClient, metrics?: Metrics): DependencyCheck {
  return {
    name: "search",
    kind: search.engine,
    required: true,
    async check() {
      try {
        const health = await clusterHealth(search);
        metrics?.elasticsearchClusterHealth.set(STATUS_VALUE[health.status] ?? 0);
        if (health.status === "red") throw new Error(`cluster ${health.name} is red`);
        return `cluster ${health.name} is ${health.status}`;
      } catch (error) {
        metrics?.elasticsearchClusterHealth.set(0);
        throw error;
      }
    },
  };
}
