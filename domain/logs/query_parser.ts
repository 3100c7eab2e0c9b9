import { AppError } from "../errors/mod.ts";
import type { FieldNode, QueryNode, TextNode } from "./query_ast.ts";
import { leafCount } from "./query_ast.ts";
import { allowedFieldNames, type FieldSpec, filterFieldSpec } from "./query_fields.ts";

/** Bounds of the free-text syntax (SPEC S8: inputs are bounded). */
export const QUERY_LIMITS = { maxLength: 1024, maxClauses: 32, maxDepth: 8 } as const;

type Token =
  | { readonly type: "lparen" | "rparen" | "and" | "or" | "not"; readonly at: number }
  | { readonly type: "word"; readonly text: string; readonly at: number }
  | {
    readonly type: "phrase";
    readonly text: string;
    readonly field?: string;
    readonly at: number;
  };

/** Characters of Lucene syntax this service does not offer: fuzzy, boost, ranges, escapes. */
const FORBIDDEN_CHARS = /[~^\\{}[\]<>]/;
/** Prefix searches need a real stem, else they expand to every term in the index. */
const PREFIX_STEM = /^[\p{L}\p{N}]{2,}$/u;
const VALUE_PREFIX_STEM = /^[A-Za-z0-9._@/-]+$/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Parses the safe query syntax: words, `"phrases"`, `word*` prefixes,
 * `AND`/`OR`/`NOT` (also `-word`), parentheses, and `field:value` filters on
 * the allowlist (`status:>=500`, `url.path:/api/*`). Leading or inner
 * wildcards, `?`, regular expressions, fuzzy/boost operators, ranges in
 * brackets and unknown fields are refused with a coded 400, so no expensive or
 * unintended query is ever sent to a store. Returns `undefined` for a blank
 * query.
 */
export function parseQuery(input: string): QueryNode | undefined {
  if (input.length > QUERY_LIMITS.maxLength) {
    throw new AppError("LOG_QUERY_INVALID", {
      detail: `q is longer than ${QUERY_LIMITS.maxLength} characters`,
    });
  }
  const tokens = tokenize(input);
  if (tokens.length === 0) return undefined;
  const parser = new Parser(tokens);
  const node = parser.parseOr(0);
  parser.expectEnd();
  if (leafCount(node) > QUERY_LIMITS.maxClauses) {
    throw new AppError("LOG_QUERY_INVALID", {
      detail: `q has more than ${QUERY_LIMITS.maxClauses} clauses`,
    });
  }
  return node;
}

function invalid(detail: string): AppError {
  return new AppError("LOG_QUERY_INVALID", { detail });
}

function forbidden(detail: string): AppError {
  return new AppError("LOG_QUERY_FORBIDDEN_SYNTAX", { detail });
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch === "(" ? "lparen" : "rparen", at: i });
      i++;
    } else if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw invalid(`unterminated phrase at position ${i}`);
      tokens.push({ type: "phrase", text: input.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (ch === "-" && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      tokens.push({ type: "not", at: i });
      i++;
    } else {
      const start = i;
      while (i < input.length && !/[\s()"]/.test(input[i]!)) i++;
      const text = input.slice(start, i);
      if (text.endsWith(":") && input[i] === '"') {
        const end = input.indexOf('"', i + 1);
        if (end < 0) throw invalid(`unterminated phrase at position ${i}`);
        tokens.push({
          type: "phrase",
          field: text.slice(0, -1),
          text: input.slice(i + 1, end),
          at: start,
        });
        i = end + 1;
      } else if (text === "AND" || text === "OR" || text === "NOT") {
        tokens.push({ type: text.toLowerCase() as "and" | "or" | "not", at: start });
      } else {
        tokens.push({ type: "word", text, at: start });
      }
    }
  }
  return tokens;
}

class Parser {
  #pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parseOr(depth: number): QueryNode {
    const nodes = [this.parseAnd(depth)];
    while (this.#peek()?.type === "or") {
      this.#pos++;
      nodes.push(this.parseAnd(depth));
    }
    return nodes.length === 1 ? nodes[0]! : { kind: "or", nodes: flatten("or", nodes) };
  }

  parseAnd(depth: number): QueryNode {
    const nodes = [this.parseUnary(depth)];
    for (;;) {
      const next = this.#peek();
      if (!next || next.type === "or" || next.type === "rparen") break;
      if (next.type === "and") this.#pos++;
      nodes.push(this.parseUnary(depth));
    }
    return nodes.length === 1 ? nodes[0]! : { kind: "and", nodes: flatten("and", nodes) };
  }

  parseUnary(depth: number): QueryNode {
    const token = this.#peek();
    if (token?.type === "not") {
      this.#pos++;
      const inner = this.parseUnary(depth);
      return inner.kind === "not" ? inner.node : { kind: "not", node: inner };
    }
    return this.parsePrimary(depth);
  }

  parsePrimary(depth: number): QueryNode {
    const token = this.tokens[this.#pos++];
    if (!token) throw invalid("q ends where a term was expected");
    switch (token.type) {
      case "lparen": {
        if (depth + 1 > QUERY_LIMITS.maxDepth) {
          throw invalid(`q nests deeper than ${QUERY_LIMITS.maxDepth} levels`);
        }
        const inner = this.parseOr(depth + 1);
        if (this.tokens[this.#pos++]?.type !== "rparen") {
          throw invalid(`unbalanced parenthesis at position ${token.at}`);
        }
        return inner;
      }
      case "phrase":
        return token.field === undefined
          ? phraseNode(token.text)
          : fieldNode(token.field, token.text, true);
      case "word":
        return wordNode(token.text);
      default:
        throw invalid(`unexpected ${token.type.toUpperCase()} at position ${token.at}`);
    }
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token) throw invalid(`unexpected ${token.type} at position ${token.at}`);
  }

  #peek(): Token | undefined {
    return this.tokens[this.#pos];
  }
}

function flatten(kind: "and" | "or", nodes: QueryNode[]): QueryNode[] {
  return nodes.flatMap((n) => n.kind === kind ? n.nodes : [n]);
}

function phraseNode(text: string): TextNode {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  if (!HAS_WORD_CHAR.test(words)) throw invalid("a phrase needs at least one letter or digit");
  return { kind: "text", match: words.includes(" ") ? "phrase" : "term", text: words };
}

function wordNode(text: string): QueryNode {
  if (text.includes("\\")) throw forbidden(`"${text}": escapes are not supported`);
  const colon = text.indexOf(":");
  if (colon >= 0) return fieldNode(text.slice(0, colon), text.slice(colon + 1), false);
  checkSyntax(text);
  if (text.includes("*")) {
    const stem = text.slice(0, -1);
    if (!PREFIX_STEM.test(stem)) {
      throw forbidden(`"${text}": a prefix search needs at least two letters or digits`);
    }
    return { kind: "text", match: "prefix", text: stem.toLowerCase() };
  }
  if (!HAS_WORD_CHAR.test(text)) throw invalid(`"${text}" has no letter or digit to search for`);
  return { kind: "text", match: "term", text: text.toLowerCase() };
}

/** Wildcards only at the end, no regex, no Lucene operators. */
function checkSyntax(text: string): void {
  if (text.startsWith("*")) throw forbidden(`"${text}": leading wildcards are not allowed`);
  if (text.includes("?")) throw forbidden(`"${text}": '?' wildcards are not allowed`);
  if (text.indexOf("*") >= 0 && text.indexOf("*") !== text.length - 1) {
    throw forbidden(`"${text}": a wildcard is only allowed at the end of a word`);
  }
  if (text.length > 1 && text.startsWith("/") && text.endsWith("/")) {
    throw forbidden(`"${text}": regular expressions are not allowed`);
  }
  if (
    FORBIDDEN_CHARS.test(text) || text.startsWith("+") || text.includes("&&") || text.includes("||")
  ) {
    throw forbidden(`"${text}": fuzzy, boost, range and escape operators are not supported`);
  }
}

function fieldNode(name: string, rawValue: string, quoted: boolean): FieldNode {
  if (name === "") throw invalid("a field filter needs a field name before ':'");
  const spec = filterFieldSpec(name);
  if (!spec) {
    throw new AppError("LOG_FIELD_NOT_ALLOWED", {
      detail: `"${name}" cannot be filtered on; allowed: ${allowedFieldNames().join(", ")}`,
    });
  }
  if (rawValue === "") throw invalid(`${name}: needs a value`);
  if (quoted) return literal(spec, rawValue);
  const range = /^(>=|<=|>|<)(.*)$/.exec(rawValue);
  if (range) {
    if (spec.kind !== "number") throw forbidden(`${name}: ranges work on numeric fields only`);
    const op = ({ ">": "gt", ">=": "gte", "<": "lt", "<=": "lte" } as const)[
      range[1] as ">" | ">=" | "<" | "<="
    ];
    return { kind: "field", field: spec.name, op, value: integer(name, range[2]!) };
  }
  checkSyntax(rawValue);
  if (rawValue.endsWith("*")) {
    const stem = rawValue.slice(0, -1);
    if (spec.kind !== "keyword") throw forbidden(`${name}: prefix matching works on text values`);
    if (!VALUE_PREFIX_STEM.test(stem)) {
      throw forbidden(`${name}: "${rawValue}" is not a usable prefix`);
    }
    return { kind: "field", field: spec.name, op: "prefix", value: stem };
  }
  return literal(spec, rawValue);
}

function literal(spec: FieldSpec, value: string): FieldNode {
  if (spec.kind === "number") {
    return { kind: "field", field: spec.name, op: "eq", value: integer(spec.name, value) };
  }
  if (spec.kind === "enum") {
    const lower = value.toLowerCase();
    if (!spec.values!.includes(lower)) {
      throw invalid(`${spec.name} must be one of ${spec.values!.join(", ")}`);
    }
    return { kind: "field", field: spec.name, op: "eq", value: lower };
  }
  if (value.length > 1024) throw invalid(`${spec.name}: value too long`);
  return { kind: "field", field: spec.name, op: "eq", value };
}

function integer(name: string, text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw invalid(`${name} needs a whole number, got "${text}"`);
  return Number(text);
}
