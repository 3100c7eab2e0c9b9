/**
 * Entry point of the pool's module workers. `onmessage` is registered before
 * anything else runs, so no task posted right after spawn can be lost.
 * One handler per task kind; the `satisfies` clause makes a missing kind a
 * type error.
 */
/// <reference lib="deno.worker" />
import { createMasker, type Masker } from "../domain/masking/mod.ts";
import { finishWalkNative, walkChunkNative } from "./chain_walk_task.ts";
import { writeCacheGenerations } from "./cache_generations_task.ts";
import { maskBytes } from "./mask_task.ts";
import { accumulateReportRows, renderReport } from "./report_task.ts";
import {
  outputTransferables,
  type RunMessage,
  type Task,
  type TaskKind,
  type TaskKinds,
  type WorkerMessage,
} from "./protocol.ts";

const maskers = new Map<string, Masker>();

function maskerFor(options: TaskKinds["mask"]["input"]["masking"]): Masker {
  const key = JSON.stringify({
    ...options,
    deterministicKey: options.deterministicKey && Array.from(options.deterministicKey),
  });
  let masker = maskers.get(key);
  if (!masker) {
    if (maskers.size >= 8) maskers.clear();
    masker = createMasker(options);
    maskers.set(key, masker);
  }
  return masker;
}

const handlers = {
  mask: (input) => {
    const { payload, format, shape, masking } = input;
    const masked = maskBytes(maskerFor(masking), new Uint8Array(payload), format, shape);
    const exact = masked.byteOffset === 0 && masked.byteLength === masked.buffer.byteLength;
    return { payload: (exact ? masked.buffer : masked.slice().buffer) as ArrayBuffer };
  },
  audit_walk_chunk: walkChunkNative,
  audit_finish_walk: finishWalkNative,
  write_cache_generations: writeCacheGenerations,
  report_accumulate: accumulateReportRows,
  report_render: renderReport,
} satisfies {
  [K in keyof TaskKinds]: (
    input: TaskKinds[K]["input"],
  ) => TaskKinds[K]["output"] | Promise<TaskKinds[K]["output"]>;
};

self.onmessage = async (event: MessageEvent<RunMessage>) => {
  const { id, task } = event.data;
  let reply: WorkerMessage;
  try {
    const handler = handlers[task.kind] as (
      input: Task["input"],
    ) => TaskKinds[TaskKind]["output"] | Promise<TaskKinds[TaskKind]["output"]>;
    const output = await handler(task.input);
    reply = { type: "done", id, output };
    self.postMessage(reply, outputTransferables(task.kind, output));
  } catch (error) {
    const failure = error instanceof Error
      ? { name: error.name, message: error.message, code: (error as { code?: string }).code }
      : { name: "Error", message: String(error) };
    reply = { type: "failed", id, error: failure };
    self.postMessage(reply);
  }
};

self.postMessage({ type: "ready" } satisfies WorkerMessage);
