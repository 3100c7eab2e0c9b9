import { AppError } from "../../domain/errors/mod.ts";
import { DEFAULT_SEARCH_LIMITS } from "../../domain/logs/mod.ts";
import { createRouter } from "../app/router.ts";
import { type SearchesDeps, searchesHandlers } from "./handlers.ts";
import * as routes from "./routes.ts";

export type { SearchesDeps } from "./handlers.ts";

/**
 * `/api/v1/searches*`: saved and frequent searches (SPEC S5.3). Without a
 * history repository the routes exist, validate, and answer 503.
 */
export function searchesRouter(deps?: SearchesDeps) {
  const handlers = searchesHandlers(deps ?? unconfigured());
  return createRouter()
    .openapi(routes.frequent, handlers.frequent)
    .openapi(routes.listSaved, handlers.listSaved)
    .openapi(routes.save, handlers.save)
    .openapi(routes.remove, handlers.remove);
}

function unconfigured(): SearchesDeps {
  const refuse = () =>
    Promise.reject(
      new AppError("SERVICE_UNAVAILABLE", { detail: "search history is not configured" }),
    );
  return {
    history: {
      recordRun: refuse,
      save: refuse,
      findSaved: refuse,
      findFrequent: refuse,
      unsave: refuse,
    },
    limits: DEFAULT_SEARCH_LIMITS,
  };
}
