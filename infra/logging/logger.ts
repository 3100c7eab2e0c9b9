import type { LogLevel } from "../config/mod.ts";
import type { Logger } from "../../domain/observability/mod.ts";
import { currentLogContext, runWithLogContext } from "./context.ts";

const LEVEL_RANK: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

type Fields = Record<string, unknown>;

export type { Logger };

/** Options of {@linkcode createLogger}. */
export interface LoggerOptions {
  readonly level: LogLevel;
  readonly serviceName: string;
  readonly environment?: string;
  /** Where lines go; stdout by default. Tests pass a collector. */
  readonly write?: (line: string) => void;
}

const encoder = new TextEncoder();
function writeStdout(line: string): void {
  Deno.stdout.writeSync(encoder.encode(line + "\n"));
}

/**
 * Builds a logger writing Elastic Common Schema field names, so the service's
 * own logs can be shipped into the same store it serves. Request and trace ids
 * come from the async context, never from call sites.
 */
export function createLogger(options: LoggerOptions, bound: Fields = {}): Logger {
  const threshold = LEVEL_RANK[options.level];
  const write = options.write ?? writeStdout;

  function emit(level: LogLevel, message: string, fields?: Fields): void {
    if (LEVEL_RANK[level] < threshold) return;
    const context = currentLogContext();
    const line: Fields = {
      "@timestamp": new Date().toISOString(),
      "log.level": level,
      message,
      "ecs.version": "8.11.0",
      "service.name": options.serviceName,
      ...(options.environment ? { "service.environment": options.environment } : {}),
      ...(context?.requestId ? { "http.request.id": context.requestId } : {}),
      ...(context?.traceId ? { "trace.id": context.traceId } : {}),
      ...(context?.userId ? { "user.id": context.userId } : {}),
      ...bound,
      ...(fields ? normalizeFields(fields) : {}),
    };
    write(JSON.stringify(line));
  }

  return {
    trace: (m, f) => emit("trace", m, f),
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    fatal: (m, f) => emit("fatal", m, f),
    child: (fields) => createLogger(options, { ...bound, ...normalizeFields(fields) }),
    withContext: runWithLogContext,
  };
}

/**
 * Errors become ECS `error.*` fields; everything else passes through. Under
 * the `error` key, whatever was thrown counts as an error, Error or not
 * (`catch` hands out `unknown`), so call sites pass it as it came.
 */
function normalizeFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, entry] of Object.entries(fields)) {
    const value = key === "error" && !(entry instanceof Error) ? new Error(String(entry)) : entry;
    if (value instanceof Error) {
      out["error.type"] = value.name;
      out["error.message"] = value.message;
      if (value.stack) out["error.stack_trace"] = value.stack;
      if (value.cause !== undefined) out["error.cause"] = String(value.cause);
    } else {
      out[key] = value;
    }
  }
  return out;
}
