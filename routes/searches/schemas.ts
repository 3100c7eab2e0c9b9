import { z } from "@hono/zod-openapi";
import { LOG_CATEGORIES, MAX_FREQUENT, QUERY_LIMITS } from "../../domain/logs/mod.ts";

/** A search as history stores it: the normalized parameters of `/api/v1/logs/search`. */
export const SearchQuerySchema = z.object({
  q: z.string().max(QUERY_LIMITS.maxLength).optional(),
  service: z.array(z.string().max(256)).max(50).optional(),
  level: z.array(z.string().max(16)).max(6).optional(),
  category: z.enum(LOG_CATEGORIES).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  trace_id: z.string().max(128).optional(),
  user_id: z.string().max(128).optional(),
  sort: z.enum(["newest", "oldest"]).optional(),
}).strict().openapi("SearchQuery", {
  example: { q: "timeout AND status:>=500", service: ["checkout"], sort: "newest" },
});

export const SavedSearchSchema = z.object({
  id: z.string().openapi({ example: "0d6f2f57-5a0a-4c1e-9a8e-2d7f1f4c2b11" }),
  name: z.string().nullable().openapi({ example: "Checkout 5xx" }),
  saved: z.boolean(),
  query: SearchQuerySchema,
  run_count: z.number().int(),
  first_run_at: z.string(),
  last_run_at: z.string(),
}).openapi("SavedSearch");

export const SavedSearchListSchema = z.object({
  items: z.array(SavedSearchSchema),
}).openapi("SavedSearchList");

export const SaveSearchBodySchema = z.object({
  name: z.string().min(1).max(100).openapi({ example: "Checkout 5xx" }),
  query: SearchQuerySchema,
}).strict().openapi("SaveSearchRequest");

export const SearchIdParamsSchema = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" } }),
});

export const FrequentQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_FREQUENT).optional().openapi({ example: 10 }),
}).strict();
