/**
 * Silence use cases: create (bounded, never matching everything), list and
 * expire; each change an audit event.
 * @module
 */
import { AppError } from "../errors/mod.ts";
import type { AlertActor, AlertDeps } from "./alert_deps.ts";
import {
  matchesEverything,
  MAX_SILENCE_MS,
  type Silence,
  type SilenceMatchers,
} from "./silence.ts";

export interface CreateSilenceInput {
  readonly matchers: SilenceMatchers;
  readonly startsAt?: Date;
  readonly endsAt: Date;
  readonly comment?: string;
  readonly actor: AlertActor;
  readonly requestId?: string;
}

type SilenceDeps = Pick<AlertDeps, "silences" | "audit" | "now" | "newId" | "reportError">;

export async function createSilence(
  deps: SilenceDeps,
  input: CreateSilenceInput,
): Promise<Silence> {
  const now = deps.now();
  const startsAt = input.startsAt ?? now;
  if (matchesEverything(input.matchers)) {
    throw new AppError("ALERT_SILENCE_INVALID", {
      detail: "a silence needs at least one matcher (source, severity, fingerprint or labels)",
    });
  }
  if (input.endsAt <= startsAt || input.endsAt <= now) {
    throw new AppError("ALERT_SILENCE_INVALID", {
      detail: "ends_at must be after starts_at and in the future",
    });
  }
  if (input.endsAt.getTime() - startsAt.getTime() > MAX_SILENCE_MS) {
    throw new AppError("ALERT_SILENCE_INVALID", {
      detail: `a silence lasts at most ${MAX_SILENCE_MS / 86_400_000} days`,
    });
  }
  const silence = await deps.silences.create({
    id: deps.newId(),
    matchers: input.matchers,
    startsAt,
    endsAt: input.endsAt,
    comment: input.comment ?? "",
    createdBy: input.actor.id,
    createdAt: now,
    expiredAt: null,
  });
  await deps.audit({
    actor: input.actor,
    action: "alert_silence.created",
    resource: { type: "alert_silence", id: silence.id },
    ...(input.requestId ? { requestId: input.requestId } : {}),
    metadata: {
      matchers: input.matchers as Record<string, unknown>,
      starts_at: startsAt.toISOString(),
      ends_at: input.endsAt.toISOString(),
    },
  }).catch((error) => deps.reportError("silence change could not be audited", error));
  return silence;
}

export async function expireSilence(
  deps: SilenceDeps,
  input: { readonly id: string; readonly actor: AlertActor; readonly requestId?: string },
): Promise<Silence> {
  const expired = await deps.silences.expire(input.id, deps.now());
  if (!expired) throw new AppError("ALERT_SILENCE_NOT_FOUND");
  await deps.audit({
    actor: input.actor,
    action: "alert_silence.expired",
    resource: { type: "alert_silence", id: expired.id },
    ...(input.requestId ? { requestId: input.requestId } : {}),
    metadata: {},
  }).catch((error) => deps.reportError("silence change could not be audited", error));
  return expired;
}
