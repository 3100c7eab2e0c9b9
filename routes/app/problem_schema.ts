import { z } from "@hono/zod-openapi";

/** RFC 9457 problem details, as every error of the API is returned. */
export const ProblemSchema = z.object({
  type: z.string().openapi({ example: "/problems/validation-failed" }),
  title: z.string().openapi({ example: "Request validation failed" }),
  status: z.number().int().openapi({ example: 400 }),
  detail: z.string().optional().openapi({ example: "page_size: must be at most 500" }),
  instance: z.string().optional().openapi({ example: "/api/v1/logs/search" }),
  code: z.string().openapi({ example: "VALIDATION_FAILED" }),
  code_number: z.number().int().openapi({ example: 1000 }),
  request_id: z.string().openapi({ example: "0190a6f4-8c2e-7a55-9b1e-2f0c9d1e4a77" }),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

/** The query schema of routes that take no parameters: anything sent is an error. */
export const NoQuery = z.object({}).strict();

const DESCRIPTIONS = {
  400: "Invalid input",
  401: "Missing or invalid token",
  403: "The caller's roles do not allow this",
  404: "Not found",
  409: "Conflict",
  410: "Gone: expired",
  413: "Body too large",
  415: "Unsupported media type",
  429: "Too many concurrent requests of this kind from the caller",
  500: "Internal error",
  503: "A dependency is unavailable or the service is at capacity",
} as const;

type DeclaredStatus = keyof typeof DESCRIPTIONS;

/** OpenAPI `responses` entries for the error statuses a route can return. */
export function problemResponses<const S extends DeclaredStatus>(...statuses: S[]) {
  const entries = statuses.map((status) => [status, {
    description: DESCRIPTIONS[status],
    content: { "application/problem+json": { schema: ProblemSchema } },
  }]);
  return Object.fromEntries(entries) as Record<S, {
    description: string;
    content: { "application/problem+json": { schema: typeof ProblemSchema } };
  }>;
}
