/**
 * Oversized requests and methods a path does not answer, over a real socket:
 * 414 and 431 problems with a body (below the runtime's own ~64 KiB limit),
 * 405 with `Allow`, and error bodies that stay small however large the input.
 */
import assert from "node:assert/strict";
import { authHeader } from "../support/tokens.ts";
import { buildTestApp } from "../support/test_app.ts";

async function serve(overrides: Parameters<typeof buildTestApp>[0] = {}) {
  const { app } = await buildTestApp(overrides);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  return { base: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

Deno.test("request target over the limit → 414 problem with a body", async () => {
  const { base, close } = await serve();
  try {
    const response = await fetch(`${base}/api/v1/logs/search?q=${"a".repeat(20_000)}`, {
      headers: await authHeader("admin"),
    });
    assert.equal(response.status, 414);
    assert.equal(response.headers.get("content-type"), "application/problem+json");
    const body = await response.text();
    assert.equal(JSON.parse(body).code, "URI_TOO_LONG");
    assert.ok(body.length < 2048, `${body.length} bytes`);
  } finally {
    await close();
  }
});

Deno.test("header block over the limit → 431 problem with a body", async () => {
  const { base, close } = await serve();
  try {
    const response = await fetch(`${base}/health/live`, {
      headers: { "x-padding": "p".repeat(40_000) },
    });
    assert.equal(response.status, 431);
    const body = await response.json();
    assert.equal(body.code, "HEADERS_TOO_LARGE");
  } finally {
    await close();
  }
});

Deno.test("error bodies stay bounded: a 60 KB query string is not echoed back", async () => {
  const { base, close } = await serve({
    requestSize: { maxUrlBytes: 61_440, maxHeaderBytes: 32_768 },
  });
  try {
    const headers = await authHeader("admin");
    const long = await fetch(`${base}/api/v1/logs/search?q=${"x".repeat(60_000)}`, { headers });
    const unknown = await fetch(
      `${base}/api/v1/logs/search?${
        Array.from({ length: 3000 }, (_, i) => `p${i}=${"v".repeat(10)}`).join("&")
      }`,
      { headers },
    );
    for (const response of [long, unknown]) {
      assert.equal(response.status, 400);
      const body = await response.text();
      assert.ok(body.length < 8192, `error body of ${body.length} bytes`);
      assert.ok(JSON.parse(body).code);
    }
  } finally {
    await close();
  }
});

/** One request over a raw socket (fetch refuses TRACE); the status line and head. */
async function rawRequest(base: string, method: string, path: string): Promise<string> {
  const { port } = new URL(base);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(port) });
  try {
    await conn.write(
      new TextEncoder().encode(
        `${method} ${path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
      ),
    );
    let text = "";
    const buffer = new Uint8Array(8192);
    for (;;) {
      const n = await conn.read(buffer);
      if (n === null) break;
      text += new TextDecoder().decode(buffer.subarray(0, n));
    }
    return text;
  } finally {
    conn.close();
  }
}

Deno.test("a known path asked with another method → 405 with Allow; unknown paths stay 404", async () => {
  const { base, close } = await serve();
  try {
    const headers = await authHeader("admin");
    const trace = await rawRequest(base, "TRACE", "/api/v1/logs/search");
    assert.match(trace, /^HTTP\/1\.1 405 /);
    assert.match(trace, /\r\nallow: GET, HEAD\r\n/i);
    assert.match(trace, /"code":"METHOD_NOT_ALLOWED"/);
    const others = [["DELETE", "/health/live"], ["PUT", "/api/v1/audit/trail/u-1"]];
    for (const [method, path] of others) {
      const response = await fetch(`${base}${path}`, { method, headers });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get("allow"), "GET, HEAD");
      assert.equal((await response.json()).code, "METHOD_NOT_ALLOWED");
    }
    const post = await fetch(`${base}/api/v1/logs`, { method: "PATCH", headers });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "POST");
    await post.body?.cancel();
    const missing = await fetch(`${base}/api/v1/nothing-here`, { headers });
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await close();
  }
});
