/**
 * The query model as SQL: the Postgres store's translation of a `LogFilter`
 * and its parsed free text. Every value is a bound parameter; column names
 * come from a fixed table, never from the request.
 * @module
 */
import type postgres from "postgres";
import {
  type FieldNode,
  type LogFilter,
  type QueryNode,
  type TextNode,
  textTokens,
} from "../../../domain/logs/mod.ts";
import type { Sql } from "../client.ts";
import { FIELD_COLUMNS } from "./log_rows.ts";

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** The filter fields held in a column of their own; `labels.*` are read from `labels`. */
type ColumnField = Exclude<FieldNode["field"], `labels.${string}`>;

/**
 * Allowlisted fields and the columns that hold them, from the row mapping:
 * a filter field without a column there fails to compile.
 */
const COLUMNS: Readonly<Record<ColumnField, string>> = FIELD_COLUMNS;

/** The `where` condition of a filter. */
export function filterCondition(sql: Sql, filter: LogFilter): Fragment {
  const parts: Fragment[] = [
    sql`ts >= ${filter.from} and ts <= ${filter.to}`,
    sql`category = any(${sql.array([...filter.categories])}::text[])`,
  ];
  if (filter.services) {
    parts.push(sql`service_name = any(${sql.array([...filter.services])}::text[])`);
  }
  if (filter.levels?.length) parts.push(sql`level = any(${sql.array([...filter.levels])}::text[])`);
  if (filter.traceId) parts.push(sql`trace_id = ${filter.traceId}`);
  if (filter.userId) parts.push(sql`user_id = ${filter.userId}`);
  if (filter.ingestedUntil) parts.push(sql`ingested <= ${filter.ingestedUntil}`);
  if (filter.text) parts.push(nodeCondition(sql, filter.text));
  return joinWith(sql, parts, "and");
}

/**
 * One query node. Leaves never yield SQL null (`coalesce(…, false)`), so
 * `NOT` keeps events that lack the field, as `must_not` does in the engines.
 */
function nodeCondition(sql: Sql, node: QueryNode): Fragment {
  switch (node.kind) {
    case "and":
      return sql`(${joinWith(sql, node.nodes.map((n) => nodeCondition(sql, n)), "and")})`;
    case "or":
      return sql`(${joinWith(sql, node.nodes.map((n) => nodeCondition(sql, n)), "or")})`;
    case "not":
      return sql`(not ${nodeCondition(sql, node.node)})`;
    case "text":
      return sql`(search_vector @@ ${textQuery(node)}::tsquery)`;
    case "field":
      return fieldCondition(sql, node);
  }
}

/**
 * A `tsquery` literal from the shared tokenizer's words (letters and digits
 * only, so quoting them is safe): a word in either field, a phrase inside
 * one field (weights A = message, B = error message), or a word prefix.
 */
export function textQuery(node: TextNode): string {
  const tokens = textTokens(node.text);
  if (node.match === "prefix") return `'${tokens[0]}':*AB`;
  if (tokens.length === 1) return `'${tokens[0]}':AB`;
  const phrase = (weight: "A" | "B") => tokens.map((t) => `'${t}':${weight}`).join(" <-> ");
  return `(${phrase("A")}) | (${phrase("B")})`;
}

function fieldCondition(sql: Sql, node: FieldNode): Fragment {
  const value = node.value;
  const column = isLabel(node.field)
    ? sql`(labels ->> ${node.field.slice("labels.".length)})`
    : sql(columnOf(node.field));
  switch (node.op) {
    case "eq":
      return typeof value === "number"
        ? sql`coalesce(${column} = ${value}, false)`
        : sql`coalesce(${column} = ${value}::text, false)`;
    case "prefix":
      return sql`coalesce(starts_with(${column}, ${String(value)}), false)`;
    case "gt":
      return sql`coalesce(${column} > ${value}, false)`;
    case "gte":
      return sql`coalesce(${column} >= ${value}, false)`;
    case "lt":
      return sql`coalesce(${column} < ${value}, false)`;
    case "lte":
      return sql`coalesce(${column} <= ${value}, false)`;
  }
}

function isLabel(field: FieldNode["field"]): field is `labels.${string}` {
  return field.startsWith("labels.");
}

function columnOf(field: ColumnField): string {
  const column = Object.hasOwn(COLUMNS, field) ? COLUMNS[field] : undefined;
  if (!column) throw new Error(`no column for field ${field}`);
  return column;
}

function joinWith(sql: Sql, parts: Fragment[], op: "and" | "or"): Fragment {
  return parts.reduce((acc, part) =>
    op === "and" ? sql`${acc} and ${part}` : sql`${acc} or ${part}`
  );
}
