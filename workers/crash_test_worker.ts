/**
 * Test-only worker speaking the pool protocol. A `mask` task whose text payload
 * is a command misbehaves on purpose: `crash` throws outside any handler,
 * `hang` never answers, `spin` loops forever on the CPU, `sleep:<ms>` answers late, `fail` reports an error.
 * Anything else is echoed back.
 */
/// <reference lib="deno.worker" />
import type { MaskTaskInput, RunMessage, WorkerMessage } from "./protocol.ts";

self.onmessage = (event: MessageEvent<RunMessage>) => {
  const { id } = event.data;
  const task = event.data.task as { input: MaskTaskInput };
  const command = new TextDecoder().decode(task.input.payload);
  const reply = (message: WorkerMessage) => self.postMessage(message);
  if (command === "crash") {
    setTimeout(() => {
      throw new Error("worker crashed on purpose");
    });
  } else if (command === "hang") {
    // Never replies; the pool's timeout must reclaim the worker.
  } else if (command === "spin") {
    for (;;) {
      // Busy forever: only terminate() can stop this worker.
    }
  } else if (command.startsWith("sleep:")) {
    setTimeout(
      () => reply({ type: "done", id, output: { payload: task.input.payload } }),
      Number(command.slice(6)),
    );
  } else if (command === "fail") {
    reply({
      type: "failed",
      id,
      error: { name: "AppError", message: "bad input", code: "VALIDATION_FAILED" },
    });
  } else {
    self.postMessage(
      { type: "done", id, output: { payload: task.input.payload } } satisfies WorkerMessage,
      [
        task.input.payload,
      ],
    );
  }
};
