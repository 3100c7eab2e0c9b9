/**
 * The counts reports ask of a search engine: a subject's events per service
 * and category, and security events per action and outcome, as two-level
 * `terms` aggregations (both engines, every supported version).
 * @module
 */
import { LOG_CATEGORIES, type LogCategory } from "../../../domain/logs/mod.ts";
import type { LogAggregates } from "../../../domain/reports/mod.ts";
import type { SearchClient } from "../clients.ts";
import { buildIndexPattern } from "./build_search_body.ts";
import type { EngineOps } from "./engine_ops.ts";
import type { DslQuery, DslReportTerms } from "./query_dsl.ts";
import { engineOps } from "./search_log_store.ts";

/** Most buckets per level; reports show far fewer. */
const BUCKETS = 1_000;

interface Bucket {
  readonly key: string | number;
  readonly doc_count: number;
  readonly inner?: { readonly buckets: readonly Bucket[] };
}

async function aggregate(
  ops: EngineOps,
  index: string,
  query: DslQuery,
  outer: Omit<DslReportTerms, "size">,
  inner: Omit<DslReportTerms, "size">,
): Promise<{ outer: string; inner: string; count: number }[]> {
  const response = await ops.search(index, {
    size: 0,
    track_total_hits: false,
    query,
    aggs: {
      outer: {
        terms: { ...outer, size: BUCKETS },
        aggs: { inner: { terms: { ...inner, size: BUCKETS } } },
      },
    },
  });
  const buckets = (response.aggregations as { outer?: { buckets?: Bucket[] } } | undefined)
    ?.outer?.buckets ?? [];
  return buckets.flatMap((o) =>
    (o.inner?.buckets ?? []).map((i) => ({
      outer: String(o.key),
      inner: String(i.key),
      count: i.doc_count,
    }))
  );
}

function range(from: Date, to: Date): DslQuery {
  return {
    range: {
      "@timestamp": {
        gte: from.toISOString(),
        lt: to.toISOString(),
        format: "strict_date_optional_time",
      },
    },
  };
}

/** The aggregates over the engine's data streams in `namespace`. */
export function createEngineLogAggregates(
  search: SearchClient,
  namespace: string,
): LogAggregates {
  const ops = engineOps(search);
  return {
    async subjectCounts(userId, { from, to }) {
      const rows = await aggregate(
        ops,
        buildIndexPattern(LOG_CATEGORIES, namespace),
        { bool: { filter: [range(from, to), { term: { "user.id": { value: userId } } }] } },
        { field: "service.name", missing: "(none)" },
        { field: "event.category", missing: "app" },
      );
      return rows.map((r) => ({
        service: r.outer,
        category: r.inner as LogCategory,
        count: r.count,
      })).sort((a, b) =>
        a.service.localeCompare(b.service) || a.category.localeCompare(b.category)
      );
    },

    async securityCounts({ from, to }) {
      const rows = await aggregate(
        ops,
        buildIndexPattern(["security"], namespace),
        { bool: { filter: [range(from, to), { terms: { "event.category": ["security"] } }] } },
        { field: "event.action", missing: "(none)" },
        { field: "event.outcome", missing: "unknown" },
      );
      return rows.map((r) => ({ action: r.outer, outcome: r.inner, count: r.count }))
        .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action));
    },
  };
}
