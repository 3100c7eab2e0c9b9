import { z } from "@hono/zod-openapi";

/** A number any JSON implementation keeps exactly: ±(2^53 − 1) at most. */
export const SafeNumberSchema = z.number()
  .min(-Number.MAX_SAFE_INTEGER)
  .max(Number.MAX_SAFE_INTEGER);

/**
 * A free-form JSON value as the service accepts it (RFC 7493 I-JSON, with one
 * bound for every number): what an audit event's `metadata` and `changes`
 * and a log event's extra fields may hold. Values outside it are refused
 * with `JSON_NOT_INTERCHANGEABLE`, never stored altered.
 */
export type JsonValueInput =
  | string
  | number
  | boolean
  | null
  | JsonValueInput[]
  | { [key: string]: JsonValueInput };

export const JsonValueSchema: z.ZodType<JsonValueInput> = z.lazy(() =>
  z.union([
    z.string(),
    SafeNumberSchema,
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ])
).openapi("JsonValue", {
  description: "Any JSON value; numbers within ±(2^53 − 1), text without NUL",
  // Written out: the generator renders the recursive members as "value or
  // null", which is ambiguous under `oneOf` since a value may be null too.
  anyOf: [
    { type: "string" },
    { type: "number", minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    { type: "boolean" },
    { type: "null" },
    { type: "array", items: { $ref: "#/components/schemas/JsonValue" } },
    { type: "object", additionalProperties: { $ref: "#/components/schemas/JsonValue" } },
  ],
});
