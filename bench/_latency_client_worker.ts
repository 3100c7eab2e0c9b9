/**
 * Load generator for the latency experiment, in its own thread so its timing
 * is not skewed by the server's event loop: big POSTs back to back, and small
 * GETs at a fixed rate whose latencies are reported.
 */
/// <reference lib="deno.worker" />

interface Start {
  readonly base: string;
  readonly mode: "inline" | "pool";
  readonly bigBytes: number;
  readonly durationMs: number;
  readonly pingEveryMs: number;
}

self.onmessage = async (event: MessageEvent<Start>) => {
  const { base, mode, bigBytes, durationMs, pingEveryMs } = event.data;
  const events = [];
  const one = JSON.stringify({
    message: "user jane.doe@example.com paid with 4111 1111 1111 1111",
    source: { ip: "10.1.2.3" },
  });
  for (let size = 2; size < bigBytes; size += one.length + 1) events.push(one);
  const body = `[${events.join(",")}]`;
  const deadline = performance.now() + durationMs;
  let big = 0;
  const bigLoop = (async () => {
    while (performance.now() < deadline) {
      await (await fetch(`${base}/ingest?mode=${mode}`, { method: "POST", body })).arrayBuffer();
      big++;
    }
  })();
  const latencies: number[] = [];
  const pings: Promise<void>[] = [];
  while (performance.now() < deadline) {
    const sent = performance.now();
    pings.push(
      fetch(`${base}/ping`).then((r) => r.text()).then(() =>
        void latencies.push(performance.now() - sent)
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, pingEveryMs));
  }
  await Promise.all([bigLoop, ...pings]);
  self.postMessage({ latencies, big, bodyBytes: body.length });
};
