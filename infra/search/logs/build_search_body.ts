/**
 * The translation of the domain's query model (filter, parsed free text,
 * order, keyset position) into the request bodies both search engines take,
 * written once for the Elasticsearch and OpenSearch adapters — as the SQL of
 * the Postgres store is built next to that store.
 * @module
 */
import type {
  CountGroupField,
  FieldNode,
  LogCategory,
  LogFilter,
  LogOrder,
  QueryNode,
  StoreSearchRequest,
  TextNode,
} from "../../../domain/logs/mod.ts";
import type {
  DslCountGroupsBody,
  DslErrorGroupsBody,
  DslQuery,
  DslSearchBody,
  DslSimpleQueryString,
  DslSort,
} from "./query_dsl.ts";

/** The analysed text fields free text searches. */
export const TEXT_FIELDS = ["message", "error.message"] as const;

/**
 * The plan's `build_search_query`: one filter, as the query DSL both search
 * engines understand. Everything runs in filter context — results are sorted
 * by time, so scoring would only cost. Free text becomes `simple_query_string`
 * clauses built from the parsed tree with every operator character escaped
 * and only the phrase/prefix features enabled, so user text cannot switch on
 * any other query feature.
 */
export function buildSearchQuery(filter: LogFilter): DslQuery {
  const clauses: DslQuery[] = [
    {
      range: {
        "@timestamp": {
          gte: filter.from.toISOString(),
          lte: filter.to.toISOString(),
          format: "strict_date_optional_time",
        },
      },
    },
    { terms: { "event.category": [...filter.categories] } },
  ];
  if (filter.services) {
    clauses.push(
      filter.services.length > 0
        ? { terms: { "service.name": [...filter.services] } }
        : { match_none: {} },
    );
  }
  if (filter.levels?.length) clauses.push({ terms: { "log.level": [...filter.levels] } });
  if (filter.traceId) clauses.push({ term: { "trace.id": { value: filter.traceId } } });
  if (filter.userId) clauses.push({ term: { "user.id": { value: filter.userId } } });
  if (filter.ingestedUntil) {
    clauses.push({
      range: {
        "event.ingested": {
          lte: filter.ingestedUntil.toISOString(),
          format: "strict_date_optional_time",
        },
      },
    });
  }
  if (filter.text) clauses.push(translate(filter.text));
  return { bool: { filter: clauses } };
}

/** Sort clauses of an order; the event id breaks ties so pages never overlap. */
export function buildSort(order: LogOrder): DslSort {
  switch (order) {
    case "newest":
      return [{ "@timestamp": { order: "desc" } }, { "event.id": { order: "desc" } }];
    case "oldest":
      return [{ "@timestamp": { order: "asc" } }, { "event.id": { order: "asc" } }];
    case "ingested":
      return [{ "event.ingested": { order: "asc" } }, { "event.id": { order: "asc" } }];
  }
}

/**
 * The search body of one page. One more hit than the page size is asked for,
 * so the store knows exactly whether another page follows.
 */
export function buildSearchBody(request: StoreSearchRequest): DslSearchBody {
  return {
    query: buildSearchQuery(request.filter),
    sort: buildSort(request.order),
    size: request.size + 1,
    track_total_hits: request.totalBound > 0 ? request.totalBound : false,
    ...(request.after ? { search_after: [...request.after] } : {}),
  };
}

/** The body of the `error.type` grouping, most frequent first, ties by name. */
export function buildErrorGroupsBody(filter: LogFilter, size: number): DslErrorGroupsBody {
  return {
    query: buildSearchQuery(filter),
    size: 0,
    track_total_hits: false,
    aggs: {
      by_type: {
        terms: { field: "error.type", size, order: [{ _count: "desc" }, { _key: "asc" }] },
      },
    },
  };
}

/**
 * The body of a count per value of `field` (the ECS name is the mapped
 * keyword field in every data stream), or of all matches, counted exactly.
 */
export function buildCountGroupsBody(
  filter: LogFilter,
  field: CountGroupField | undefined,
  size: number,
): DslCountGroupsBody {
  if (!field) return { query: buildSearchQuery(filter), size: 0, track_total_hits: true };
  return {
    query: buildSearchQuery(filter),
    size: 0,
    track_total_hits: false,
    aggs: {
      groups: { terms: { field, size, order: [{ _count: "desc" }, { _key: "asc" }] } },
    },
  };
}

/**
 * The plan's `build_index_pattern`: the data streams of the given categories
 * in the server's namespace. Names come only from the category enum and the
 * configured namespace — never from request text — so `*`, `_all`, `-x`,
 * `a,b`, `remote:x` or date math cannot reach an index expression.
 */
export function buildIndexPattern(categories: readonly LogCategory[], namespace: string): string {
  return [...new Set(categories)].map((c) => dataStreamName(c, namespace)).join(",");
}

/** `logs-<category>-<namespace>`, Elastic's data stream naming scheme. */
export function dataStreamName(category: LogCategory | "audit", namespace: string): string {
  if (!DATA_STREAM_NAMESPACE.test(namespace)) {
    throw new Error(`invalid data stream namespace "${namespace}"`);
  }
  return `logs-${category}-${namespace}`;
}

/** Namespaces: lowercase, no `-` (it separates the parts of a data stream name). */
export const DATA_STREAM_NAMESPACE = /^[a-z0-9][a-z0-9_]{0,63}$/;

function translate(node: QueryNode): DslQuery {
  switch (node.kind) {
    case "and":
      return { bool: { filter: node.nodes.map(translate) } };
    case "or":
      return { bool: { should: node.nodes.map(translate), minimum_should_match: 1 } };
    case "not":
      return { bool: { must_not: [translate(node.node)] } };
    case "text":
      return { simple_query_string: textQuery(node) };
    case "field":
      return fieldQuery(node);
  }
}

/** Inside a quoted phrase only the quote and the escape character are special. */
const PHRASE_SPECIAL = /["\\]/g;

/** One word, phrase or prefix as a `simple_query_string` that can mean nothing else. */
function textQuery(node: TextNode): DslSimpleQueryString {
  const fields = [...TEXT_FIELDS];
  if (node.match === "prefix") {
    return { query: `${node.text}*`, fields, default_operator: "and", flags: "PREFIX" };
  }
  // A quoted phrase: a word the analyser splits (`checkout-api`) must keep its order.
  const escaped = node.text.replace(PHRASE_SPECIAL, (ch) => `\\${ch}`);
  return { query: `"${escaped}"`, fields, default_operator: "and", flags: "PHRASE|ESCAPE" };
}

function fieldQuery(node: FieldNode): DslQuery {
  const field = node.field;
  switch (node.op) {
    case "eq":
      return { term: { [field]: { value: node.value } } };
    case "prefix":
      return { prefix: { [field]: { value: String(node.value) } } };
    default: {
      // Ranges are only parsed on numeric fields.
      const bound = Number(node.value);
      const range = node.op === "gt"
        ? { gt: bound }
        : node.op === "gte"
        ? { gte: bound }
        : node.op === "lt"
        ? { lt: bound }
        : { lte: bound };
      return { range: { [field]: range } };
    }
  }
}
