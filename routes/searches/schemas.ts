import { z } from "@hono/zod-openapi";
import {
  LOG_CATEGORIES,
  LOG_LEVELS,
  MAX_FREQUENT,
  SAVED_SEARCH_NAME,
} from "../../domain/logs/mod.ts";
import {
  IdFilterSchema,
  InstantSchema,
  QueryTextSchema,
  ServiceNameSchema,
} from "../logs/schemas.ts";

/** A search as history stores it: the normalized parameters of `/api/v1/logs/search`. */
export const SearchQuerySchema = z.object({
  q: QueryTextSchema.optional(),
  service: z.array(ServiceNameSchema).max(50).optional(),
  level: z.array(z.enum(LOG_LEVELS)).max(LOG_LEVELS.length).optional(),
  category: z.enum(LOG_CATEGORIES).optional(),
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
  trace_id: IdFilterSchema.optional(),
  user_id: IdFilterSchema.optional(),
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
  name: z.string().regex(SAVED_SEARCH_NAME).openapi({
    example: "Checkout 5xx",
    description: "1 to 100 characters, no blank at either end",
  }),
  query: SearchQuerySchema,
}).strict().openapi("SaveSearchRequest");

export const SearchIdParamsSchema = z.object({
  id: z.string().max(64).openapi({ param: { name: "id", in: "path" } }),
});

export const FrequentQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_FREQUENT).optional().openapi({ example: 10 }),
}).strict();
