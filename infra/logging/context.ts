import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one request carries. */
export interface LogContext {
  readonly requestId?: string;
  readonly traceId?: string;
  readonly userId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `context` visible to every log call beneath it, across awaits. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** The context of the current async flow, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
