import type { z } from "@hono/zod-openapi";
import {
  appendAuditEvents,
  type AppendItem,
  type AuditDeps,
  type AuditEvent,
  type AuditEventInput,
  createCheckpointNow,
  getCheckpoint,
  readUserTrail,
  startAuditExport,
  verifyAuditChain,
} from "../../domain/audit/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import type { AppRouteHandler } from "../app/env.ts";
import { textStream } from "../app/text_stream.ts";
import { toProblem } from "../app/problem.ts";
import { errorDetail, fieldErrors, validationHook } from "../app/validation_hook.ts";
import type * as routes from "./routes.ts";
import { AuditEventInputSchema } from "./schemas.ts";
import { auditCaller } from "../app/audit_caller.ts";

/** Audit handlers: each reads validated input, calls one use case, answers. */
export function auditHandlers(deps: AuditDeps) {
  const appendEvents: AppRouteHandler<typeof routes.appendEvents> = async (c) => {
    const body = c.req.valid("json");
    const batch = "events" in body && Array.isArray(body.events);
    const raw: unknown[] = batch ? (body.events as unknown[]) : [body];
    const items = raw.map((item, index) =>
      parseItem(item, batch ? `body.events[${index}]` : "body")
    );
    const results = await appendAuditEvents(deps, { recordedBy: c.get("principal").id, items });
    const first = results[0];
    if (!batch && first?.status === "rejected") throw first.error;
    const requestId = c.get("requestId");
    const rejected = results.filter((r) => r.status === "rejected").length;
    return c.json({
      accepted: results.length - rejected,
      rejected,
      results: results.map((result, index) =>
        result.status === "rejected"
          ? { index, status: "rejected" as const, problem: toProblem(result.error, requestId) }
          : { index, status: result.status, id: result.id, seq: result.seq, hash: result.hash }
      ),
    }, rejected > 0 ? 207 : 201);
  };

  const trail: AppRouteHandler<typeof routes.trail> = async (c) => {
    const { page_size, cursor, ...filter } = c.req.valid("query");
    const page = await readUserTrail(deps, {
      caller: auditCaller(c),
      userId: c.req.valid("param").user_id,
      filter,
      pageSize: page_size,
      cursor,
    });
    return c.json({
      items: page.items.map(eventBody),
      next_cursor: page.next_cursor,
      summary: { total: page.summary.total, by_action_type: { ...page.summary.by_action_type } },
      display_names: { ...page.display_names, names: { ...page.display_names.names } },
    }, 200);
  };

  const exportEvents: AppRouteHandler<typeof routes.exportEvents> = async (c) => {
    const { format, user_id, ...filter } = c.req.valid("query");
    const started = await startAuditExport(deps, {
      caller: auditCaller(c),
      format,
      filter: { ...filter, actor_id: user_id },
    });
    return c.body(textStream(started.body), 200, {
      "content-type": started.contentType,
      "content-disposition": `attachment; filename="${started.filename}"`,
      "cache-control": "no-store",
      "x-audit-max-seq": String(started.maxSeq),
    });
  };

  const verify: AppRouteHandler<typeof routes.verify> = async (c) => {
    const report = await verifyAuditChain(deps, auditCaller(c));
    return c.json({
      ...report,
      breaks: [...report.breaks],
      checkpoints: { ...report.checkpoints },
    }, 200);
  };

  const listCheckpoints: AppRouteHandler<typeof routes.listCheckpoints> = async (c) => {
    const { limit, before_id } = c.req.valid("query");
    return c.json({ items: await deps.checkpoints.list({ limit, beforeId: before_id }) }, 200);
  };

  const createCheckpoint: AppRouteHandler<typeof routes.createCheckpoint> = async (c) =>
    c.json(await createCheckpointNow(deps, auditCaller(c)), 201);

  const getCheckpointById: AppRouteHandler<typeof routes.getCheckpoint> = async (c) =>
    c.json(await getCheckpoint(deps, c.req.valid("param").id), 200);

  const signingKeys: AppRouteHandler<typeof routes.signingKeys> = (c) =>
    c.json({ keys: deps.checkpoints.publicKeys().keys.map((k) => ({ ...k })) }, 200);

  return {
    appendEvents,
    trail,
    exportEvents,
    verify,
    listCheckpoints,
    createCheckpoint,
    getCheckpoint: getCheckpointById,
    signingKeys,
  };
}

/** Shape-checks one submitted item; a bad one becomes its own problem, not the request's. */
function parseItem(item: unknown, path: string): AppendItem {
  const parsed = AuditEventInputSchema.safeParse(item);
  if (parsed.success) return { input: parsed.data as AuditEventInput, path };
  return { error: invalidItem(parsed.error, path) };
}

/**
 * The problem of an event that fails its shape: `AUDIT_UNKNOWN_ACTION_TYPE`
 * when the action type is all that is wrong, `AUDIT_EVENT_INVALID` otherwise.
 */
function invalidItem(error: z.ZodError, path: string): AppError {
  const errors = fieldErrors(error, { root: path, unknownKey: "unknown field" });
  const onlyActionType = error.issues.every((issue) =>
    issue.path.length === 1 && issue.path[0] === "action_type"
  );
  return new AppError(onlyActionType ? "AUDIT_UNKNOWN_ACTION_TYPE" : "AUDIT_EVENT_INVALID", {
    detail: errorDetail(errors),
    errors,
  });
}

/**
 * Validation hook of the append route: a body that is neither a batch nor a
 * valid event is answered with the event's own problem (its fields named,
 * its audit code), as a batch item would be, rather than the generic one.
 */
export function appendBodyHook(
  result:
    & { target: string; data?: unknown }
    & ({ success: true } | { success: false; error: z.ZodError }),
): undefined {
  if (result.success) return undefined;
  const body = result.data;
  const single = result.target === "json" && typeof body === "object" && body !== null &&
    !Array.isArray(body) && !Object.hasOwn(body, "events");
  const parsed = single ? AuditEventInputSchema.safeParse(body) : undefined;
  if (parsed && !parsed.success) throw invalidItem(parsed.error, "body");
  validationHook(result);
  return undefined;
}

function eventBody(event: AuditEvent) {
  return {
    ...event,
    actor: { ...event.actor },
    resource: { ...event.resource },
    changes: event.changes === null
      ? null
      : { before: event.changes.before as unknown, after: event.changes.after as unknown },
    metadata: event.metadata as Record<string, unknown>,
  };
}
