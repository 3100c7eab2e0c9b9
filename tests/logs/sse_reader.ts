/** A minimal server-sent-events reader for tests. */
export interface SseMessage {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

/** Reads messages from an SSE response body, one at a time. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  // A read that lost a race against the timeout is kept for the next call.
  let pending: Promise<ReadableStreamReadResult<string>> | undefined;
  return {
    /** The next message, or `undefined` when the stream ends or `timeoutMs` passes. */
    async next(timeoutMs: number): Promise<SseMessage | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: { id?: string; event: string; data: string } = {
            event: "message",
            data: "",
          };
          for (const line of block.split("\n")) {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") message.id = value;
            else if (field === "event") message.event = value;
            else if (field === "data") message.data += (message.data ? "\n" : "") + value;
          }
          if (block.trim() === "" || block.startsWith(":")) continue;
          return message;
        }
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<"timeout">((resolve) => timer = setTimeout(() => resolve("timeout"), left)),
        ]);
        clearTimeout(timer);
        if (chunk === "timeout") return undefined;
        pending = undefined;
        if (chunk.done) return undefined;
        buffer += chunk.value;
      }
    },
    async cancel(): Promise<void> {
      await reader.cancel().catch(() => {});
    },
  };
}
