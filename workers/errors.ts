import { AppError } from "../domain/errors/mod.ts";

/**
 * A worker died (uncaught error, out of memory, killed) while running a task.
 * The pool replaces the worker; the task fails with this error (HTTP 500,
 * code `INTERNAL`) and is not retried, since it may be what killed the worker.
 */
export class WorkerCrashedError extends AppError {
  override name = "WorkerCrashedError";

  constructor(options: { cause?: unknown } = {}) {
    super("INTERNAL", {
      detail: "A background worker failed while processing the request",
      cause: options.cause,
    });
  }
}
