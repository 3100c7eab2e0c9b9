/**
 * The fault proxy itself, in front of the real OpenSearch node: each mode
 * does to a real HTTP client what it says, and the counts are exact.
 */
import assert from "node:assert/strict";
import { requestFraming, startFaultProxy } from "./fault_proxy.ts";
import { requireService } from "./services.ts";

const opensearch = await requireService("opensearch");
const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("request framing counts requests across chunks, bodies and chunked encoding", () => {
  const framing = requestFraming();
  const body = '{"query":"GET / HTTP/1.1\\r\\n"}';
  assert.equal(
    framing.push(bytes(`POST /a HTTP/1.1\r\ncontent-length: ${body.length}\r\n\r\n${body}GET /b`)),
    2,
  );
  assert.equal(framing.push(bytes(" HTTP/1.1\r\nhost: x\r\n\r\n")), 0, "the rest of the same head");
  assert.equal(
    framing.push(bytes("POST /c HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n4\r\nGET \r\n")),
    1,
  );
  assert.equal(framing.push(bytes("0\r\n\r\nGET /d HTTP/1.1\r\n\r\n")), 1);
});

Deno.test({
  name: "fault proxy: pass, delay, drop, reset, blackhole, stop and start, with counts",
  ignore: !opensearch,
  async fn() {
    const proxy = await startFaultProxy(opensearch!);
    const get = (timeoutMs = 3_000) =>
      fetch(`${proxy.url}/_cluster/health`, { signal: AbortSignal.timeout(timeoutMs) })
        .then(async (r) => ({ status: r.status, text: await r.text() }));
    try {
      assert.equal((await get()).status, 200);
      assert.equal(proxy.requests, 1);

      proxy.set("delay", { delayMs: 300 });
      const started = performance.now();
      assert.equal((await get()).status, 200);
      assert.ok(performance.now() - started >= 290, "delayed");

      proxy.set("drop");
      await assert.rejects(get());
      proxy.set("reset");
      await assert.rejects(get());
      // A raw socket sees the TCP RST itself.
      const raw = await Deno.connect({ hostname: "127.0.0.1", port: proxy.port });
      await raw.write(bytes("GET / HTTP/1.1\r\nhost: x\r\n\r\n"));
      await assert.rejects(raw.read(new Uint8Array(64)), Deno.errors.ConnectionReset);
      raw.close();
      proxy.set("blackhole");
      await assert.rejects(get(300), (e: Error) => e.name === "TimeoutError");

      proxy.set("pass");
      proxy.resetCounts();
      await proxy.stop();
      await assert.rejects(get(), (e: Error) => /refused/i.test(String(e.cause)));
      assert.equal(proxy.connections, 0, "a closed port accepts nothing");
      await proxy.start();
      assert.equal((await get()).status, 200);
      assert.equal(proxy.requests, 1);
    } finally {
      await proxy.close();
    }
  },
});
