import type { Context } from "hono";
import {
  acknowledgeAlert,
  type AlertActor,
  type AlertDeps,
  alertDocument,
  createAlert,
  getAlert,
  resolveAlert,
} from "../../domain/alerts/mod.ts";
import { clampToStorable } from "../../domain/time/mod.ts";
import type { AppEnv, AppRouteHandler } from "../app/env.ts";
import type * as routes from "./routes.ts";

/** Who acts, and in which request, as the alert use cases record it. */
export function changedBy(c: Context<AppEnv>): { actor: AlertActor; requestId: string } {
  const principal = c.get("principal");
  return {
    actor: { id: principal.id, type: principal.roles.includes("service") ? "service" : "user" },
    requestId: c.get("requestId"),
  };
}

/** Alerts: each handler calls one use case. */
export function alertHandlers(deps: AlertDeps) {
  const list: AppRouteHandler<typeof routes.list> = async (c) => {
    const query = c.req.valid("query");
    const limit = query.limit ?? 50;
    const items = await deps.store.list({
      ...(query.status ? { statuses: [query.status] } : {}),
      ...(query.severity ? { severities: [query.severity] } : {}),
      ...(query.source ? { source: query.source } : {}),
      // A bound beyond the storable years selects what the nearest storable instant does.
      ...(query.from ? { from: clampToStorable(new Date(query.from)) } : {}),
      ...(query.to ? { to: clampToStorable(new Date(query.to)) } : {}),
      ...(query.cursor ? { beforeId: query.cursor.toLowerCase() } : {}),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    const next = items.length > limit ? page[page.length - 1]!.id : null;
    return c.json({ items: page.map(alertDocument), next_cursor: next }, 200);
  };

  const get: AppRouteHandler<typeof routes.get> = async (c) => {
    const alert = await getAlert(deps, c.req.valid("param").id);
    return c.json(alertDocument(alert), 200);
  };

  const create: AppRouteHandler<typeof routes.create> = async (c) => {
    const body = c.req.valid("json");
    const recorded = await createAlert(deps, {
      occurrence: body,
      ...changedBy(c),
    });
    const result = {
      alert: alertDocument(recorded.alert),
      created: recorded.created,
      queued: [...recorded.queued],
    };
    return recorded.created ? c.json(result, 201) : c.json(result, 200);
  };

  const acknowledge: AppRouteHandler<typeof routes.acknowledge> = async (c) => {
    const alert = await acknowledgeAlert(deps, {
      id: c.req.valid("param").id,
      ...changedBy(c),
    });
    return c.json(alertDocument(alert), 200);
  };

  const resolve: AppRouteHandler<typeof routes.resolve> = async (c) => {
    const alert = await resolveAlert(deps, {
      id: c.req.valid("param").id,
      ...changedBy(c),
    });
    return c.json(alertDocument(alert), 200);
  };

  return { list, get, create, acknowledge, resolve };
}
