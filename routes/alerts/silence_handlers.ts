import {
  type AlertDeps,
  createSilence,
  expireSilence,
  type Silence,
} from "../../domain/alerts/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import { changedBy } from "./handlers.ts";
import type * as routes from "./silence_routes.ts";

export function silenceHandlers(deps: AlertDeps) {
  const listSilences: AppRouteHandler<typeof routes.listSilences> = async (c) => {
    const includeExpired = c.req.valid("query").include_expired === "true";
    const items = await deps.silences.list({ includeExpired, limit: 500 });
    const now = deps.now();
    return c.json({ items: items.map((s) => silenceBody(s, now)) }, 200);
  };

  const create: AppRouteHandler<typeof routes.createSilence> = async (c) => {
    const body = c.req.valid("json");
    const silence = await createSilence(deps, {
      matchers: body.matchers,
      ...(body.starts_at ? { startsAt: new Date(body.starts_at) } : {}),
      endsAt: new Date(body.ends_at),
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...changedBy(c),
    });
    return c.json(silenceBody(silence, deps.now()), 201);
  };

  const expire: AppRouteHandler<typeof routes.expireSilence> = async (c) => {
    const silence = await expireSilence(deps, {
      id: c.req.valid("param").id,
      ...changedBy(c),
    });
    return c.json(silenceBody(silence, deps.now()), 200);
  };

  return { listSilences, create, expire };
}

function silenceBody(silence: Silence, now: Date) {
  return {
    id: silence.id,
    matchers: {
      ...(silence.matchers.source ? { source: [...silence.matchers.source] } : {}),
      ...(silence.matchers.severity ? { severity: [...silence.matchers.severity] } : {}),
      ...(silence.matchers.fingerprint ? { fingerprint: [...silence.matchers.fingerprint] } : {}),
      ...(silence.matchers.labels ? { labels: { ...silence.matchers.labels } } : {}),
    },
    starts_at: silence.startsAt.toISOString(),
    ends_at: silence.endsAt.toISOString(),
    comment: silence.comment,
    created_by: silence.createdBy,
    created_at: silence.createdAt.toISOString(),
    expired_at: silence.expiredAt?.toISOString() ?? null,
    active: !silence.expiredAt && silence.startsAt <= now && now < silence.endsAt,
  };
}
