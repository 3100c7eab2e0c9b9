import {
  deleteSavedSearch,
  frequentSearches,
  listSavedSearches,
  type SavedSearchDeps,
  saveSearch,
  type SearchHistoryEntry,
} from "../../domain/logs/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import type * as routes from "./routes.ts";

export type SearchesDeps = SavedSearchDeps;

/** Saved and frequent searches: each handler calls one use case. */
export function searchesHandlers(deps: SearchesDeps) {
  const listSaved: AppRouteHandler<typeof routes.listSaved> = async (c) => {
    const items = await listSavedSearches(deps, { principal: c.get("principal") });
    return c.json({ items: items.map(toBody) }, 200);
  };

  const save: AppRouteHandler<typeof routes.save> = async (c) => {
    const entry = await saveSearch(deps, { principal: c.get("principal"), ...c.req.valid("json") });
    return c.json(toBody(entry), 201);
  };

  const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
    await deleteSavedSearch(deps, {
      principal: c.get("principal"),
      id: c.req.valid("param").id,
    });
    return c.body(null, 204);
  };

  const frequent: AppRouteHandler<typeof routes.frequent> = async (c) => {
    const items = await frequentSearches(deps, {
      principal: c.get("principal"),
      ...c.req.valid("query"),
    });
    return c.json({ items: items.map(toBody) }, 200);
  };

  return { listSaved, save, remove, frequent };
}

function toBody(entry: SearchHistoryEntry) {
  const { service, level, ...rest } = entry.query;
  return {
    id: entry.id,
    name: entry.name,
    saved: entry.saved,
    query: {
      ...rest,
      ...(service ? { service: [...service] } : {}),
      ...(level ? { level: [...level] } : {}),
    },
    run_count: entry.runCount,
    first_run_at: new Date(entry.firstRunAt).toISOString(),
    last_run_at: new Date(entry.lastRunAt).toISOString(),
  };
}
