import type { FilterField } from "./query_fields.ts";

/**
 * A parsed free-text query. Stores translate this tree — never the user's
 * text — so nothing a user types reaches an engine unparsed.
 */
export type QueryNode =
  | { readonly kind: "and"; readonly nodes: readonly QueryNode[] }
  | { readonly kind: "or"; readonly nodes: readonly QueryNode[] }
  | { readonly kind: "not"; readonly node: QueryNode }
  | TextNode
  | FieldNode;

/** Full-text match on the event's text (message and error message). */
export interface TextNode {
  readonly kind: "text";
  /** `term`: all words of `text`; `phrase`: the words in order; `prefix`: a word start. */
  readonly match: "term" | "phrase" | "prefix";
  /** Lowercase: text matching ignores case in every store. */
  readonly text: string;
}

/** Exact, prefix or range comparison on an allowlisted field. */
export interface FieldNode {
  readonly kind: "field";
  readonly field: FilterField;
  readonly op: "eq" | "prefix" | "gt" | "gte" | "lt" | "lte";
  readonly value: string | number;
}

const BARE_VALUE = /^[A-Za-z0-9._@/-]+$/;

/**
 * The canonical text of a tree: what search history stores and what cursors
 * and saved searches are bound to. Parsing it again gives the same tree.
 */
export function queryToString(node: QueryNode): string {
  switch (node.kind) {
    case "and":
      return node.nodes.map((n) => n.kind === "or" ? `(${queryToString(n)})` : queryToString(n))
        .join(" AND ");
    case "or":
      return node.nodes.map((n) => n.kind === "and" ? `(${queryToString(n)})` : queryToString(n))
        .join(" OR ");
    case "not": {
      const inner = queryToString(node.node);
      return node.node.kind === "and" || node.node.kind === "or"
        ? `NOT (${inner})`
        : `NOT ${inner}`;
    }
    case "text":
      return node.match === "phrase"
        ? `"${node.text}"`
        : node.match === "prefix"
        ? `${node.text}*`
        : node.text;
    case "field": {
      const value = String(node.value);
      switch (node.op) {
        case "eq":
          return `${node.field}:${BARE_VALUE.test(value) ? value : `"${value}"`}`;
        case "prefix":
          return `${node.field}:${value}*`;
        case "gt":
          return `${node.field}:>${value}`;
        case "gte":
          return `${node.field}:>=${value}`;
        case "lt":
          return `${node.field}:<${value}`;
        case "lte":
          return `${node.field}:<=${value}`;
      }
    }
  }
}

/** Number of leaf clauses, bounded so one query cannot fan out without limit. */
export function leafCount(node: QueryNode): number {
  switch (node.kind) {
    case "and":
    case "or":
      return node.nodes.reduce((sum, n) => sum + leafCount(n), 0);
    case "not":
      return leafCount(node.node);
    default:
      return 1;
  }
}
