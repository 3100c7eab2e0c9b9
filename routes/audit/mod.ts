import {
  type AuditDeps,
  DEFAULT_AUDIT_MAX_BATCH,
  keepAuditPayload,
} from "../../domain/audit/mod.ts";
import { AppError } from "../../domain/errors/mod.ts";
import { createRouter } from "../app/router.ts";
import { appendBodyHook, auditHandlers } from "./handlers.ts";
import * as routes from "./routes.ts";

/**
 * `/api/v1/audit/*`: append, trail, export, verification and checkpoints
 * (SPEC S6 Audit). Without audit dependencies the routes still exist (in the
 * access matrix and the documentation), still validate their input, and
 * answer 503 where they would touch the store.
 */
export function auditRouter(deps?: AuditDeps) {
  const handlers = auditHandlers(deps ?? notConfigured());
  return createRouter()
    .openapi(routes.appendEvents, handlers.appendEvents, appendBodyHook)
    .openapi(routes.trail, handlers.trail)
    .openapi(routes.exportEvents, handlers.exportEvents)
    .openapi(routes.verify, handlers.verify)
    .openapi(routes.signingKeys, handlers.signingKeys)
    .openapi(routes.listCheckpoints, handlers.listCheckpoints)
    .openapi(routes.createCheckpoint, handlers.createCheckpoint)
    .openapi(routes.getCheckpoint, handlers.getCheckpoint);
}

function notConfigured(): AuditDeps {
  const refuse = (): never => {
    throw new AppError("AUDIT_STORE_UNAVAILABLE", { detail: "the audit trail is not configured" });
  };
  return {
    store: {
      append: refuse,
      page: refuse,
      exportChunk: refuse,
      countByActionType: refuse,
      head: refuse,
    },
    checkpoints: { create: refuse, list: refuse, get: refuse, publicKeys: refuse },
    verifier: { verify: refuse },
    cursors: { seal: refuse, open: refuse },
    maskAuditPayload: keepAuditPayload,
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    limits: {
      maxBatch: DEFAULT_AUDIT_MAX_BATCH,
      futureToleranceMs: 300_000,
      retentionDays: 2557,
      exportChunkRows: 1000,
    },
  };
}
