import { z } from "@hono/zod-openapi";

/** A number any JSON implementation keeps exactly: ±(2^53 − 1) at most. */
export const SafeNumberSchema = z.number()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);

/** A JSON value as the service accepts it (see {@linkcode jsonValueSchema}). */
export type JsonValueInput =
  | string
  | number
  | boolean
  | null
  | JsonValueInput[]
  | { [key: string]: JsonValueInput };

const byDepth = new Map<number, z.ZodType<JsonValueInput>>();

/**
 * A free-form JSON value as the service accepts it — RFC 7493 I-JSON with
 * one bound for every number, and at most `depth` levels of arrays and
 * objects: what an audit event's `metadata` and `changes` and a log event's
 * extra fields may hold. Values outside it are refused
 * (`JSON_NOT_INTERCHANGEABLE`, or the event's own code for depth), never
 * stored altered. Each depth is one named component (`JsonValue7` holds
 * `JsonValue6`s). Tools that inline references see 2^depth copies, so the
 * policies keep nesting shallow (8 levels for audit payloads and log
 * attributes).
 */
export function jsonValueSchema(depth: number): z.ZodType<JsonValueInput> {
  const known = byDepth.get(depth);
  if (known) return known;
  const scalar = [z.string(), SafeNumberSchema, z.boolean(), z.null()] as const;
  const schema = (depth === 0 ? z.union(scalar) : z.union([
    ...scalar,
    z.array(jsonValueSchema(depth - 1)),
    z.record(z.string(), jsonValueSchema(depth - 1)),
  ])).openapi(`JsonValue${depth}`, {
    description: `Any JSON value with at most ${depth} levels of arrays and objects; ` +
      "numbers within ±(2^53 − 1)",
  }) as z.ZodType<JsonValueInput>;
  byDepth.set(depth, schema);
  return schema;
}
