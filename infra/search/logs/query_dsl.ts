/**
 * The subset of the Elasticsearch / OpenSearch query DSL this service sends,
 * typed precisely so the adapters can check it against both clients' own
 * request types. Pure data: no client is imported here.
 */

export type DslFieldValue = string | number;

export type DslQuery =
  | { readonly bool: DslBool }
  | { readonly term: Readonly<Record<string, { readonly value: DslFieldValue }>> }
  | { readonly terms: Readonly<Record<string, DslFieldValue[]>> }
  | { readonly prefix: Readonly<Record<string, { readonly value: string }>> }
  | { readonly range: Readonly<Record<string, DslRange>> }
  | { readonly simple_query_string: DslSimpleQueryString }
  | { readonly match_none: Readonly<Record<string, never>> };

export interface DslBool {
  readonly filter?: DslQuery[];
  readonly should?: DslQuery[];
  readonly must_not?: DslQuery[];
  readonly minimum_should_match?: number;
}

/** A range on a date (ISO text with its format) or on a number. */
export type DslRange =
  | {
    readonly gt?: string;
    readonly gte?: string;
    readonly lt?: string;
    readonly lte?: string;
    readonly format: string;
  }
  | {
    readonly gt?: number;
    readonly gte?: number;
    readonly lt?: number;
    readonly lte?: number;
  };

export interface DslSimpleQueryString {
  readonly query: string;
  readonly fields: string[];
  readonly default_operator: "and";
  readonly flags: string;
}

export type DslSort = Readonly<Record<string, { readonly order: "asc" | "desc" }>>[];

/** The body of one search request (index or point in time chosen by the adapter). */
export interface DslSearchBody {
  readonly query: DslQuery;
  readonly sort: DslSort;
  readonly size: number;
  readonly track_total_hits: number | false;
  readonly search_after?: DslFieldValue[];
}

/** The body of a count, optionally per value of one keyword field (alert rules). */
export interface DslCountGroupsBody {
  readonly query: DslQuery;
  readonly size: 0;
  readonly track_total_hits: true | false;
  readonly aggs?: {
    readonly groups: {
      readonly terms: {
        readonly field: string;
        readonly size: number;
        readonly order: [{ readonly _count: "desc" }, { readonly _key: "asc" }];
      };
    };
  };
}

/** One level of a report's counts: the values of `field`, `missing` standing for none. */
export interface DslReportTerms {
  readonly field: string;
  readonly size: number;
  readonly missing: string;
}

/** The body of a report's counts: per value of one field, then of another within it. */
export interface DslReportCountsBody {
  readonly query: DslQuery;
  readonly size: 0;
  readonly track_total_hits: false;
  readonly aggs: {
    readonly outer: {
      readonly terms: DslReportTerms;
      readonly aggs: { readonly inner: { readonly terms: DslReportTerms } };
    };
  };
}

/** The body of the error-type aggregation. */
export interface DslErrorGroupsBody {
  readonly query: DslQuery;
  readonly size: 0;
  readonly track_total_hits: false;
  readonly aggs: {
    readonly by_type: {
      readonly terms: {
        readonly field: "error.type";
        readonly size: number;
        readonly order: [{ readonly _count: "desc" }, { readonly _key: "asc" }];
      };
    };
  };
}
