import {
  DEFAULT_INGEST_MAX_EVENTS,
  DEFAULT_SEARCH_LIMITS,
  unavailableCursorCodec,
  unavailableLogStore,
} from "../../domain/logs/mod.ts";
import { createRouter } from "../app/router.ts";
import { type LogsDeps, logsHandlers } from "./handlers.ts";
import * as routes from "./routes.ts";
import { LogEventInputDoc } from "./schemas.ts";

export type { LogsDeps } from "./handlers.ts";

/**
 * `/api/v1/logs/*`: search, recent, errors, security, ingest, live tail.
 * Without a log store (`deps` undefined) the routes still exist — they are in
 * the access matrix and the documentation — validate as usual, and answer
 * 503 where they would reach the store.
 */
export function logsRouter(deps?: LogsDeps) {
  const handlers = logsHandlers(deps ?? unconfigured());
  const router = createRouter()
    .openapi(routes.search, handlers.search)
    .openapi(routes.recent, handlers.recent)
    .openapi(routes.errors, handlers.errors)
    .openapi(routes.securityLogs, handlers.security)
    .openapi(routes.ingest, handlers.ingest)
    .openapi(routes.tail, handlers.tail);
  router.openAPIRegistry.register("LogEventInput", LogEventInputDoc);
  return router;
}

function unconfigured(): LogsDeps {
  return {
    store: unavailableLogStore(),
    cursors: unavailableCursorCodec(),
    maskEvent: (event) => event,
    limits: DEFAULT_SEARCH_LIMITS,
    ingestMaxEvents: DEFAULT_INGEST_MAX_EVENTS,
    tailPollMs: 1_000,
    newId: () => crypto.randomUUID(),
  };
}
