/**
 * SIGTERM while a request body is still arriving: the request completes (and
 * what it acknowledged is there after a restart) or is answered 503 with
 * `Retry-After` — never a 400 for a valid body or a 500. The real entry
 * point on an embedded store, a raw socket to send the body in two halves.
 */
import assert from "node:assert/strict";
import { startEntryPoint } from "./entry_point.ts";

const ROOT = new URL("../../", import.meta.url);

function env(dataDir: string): Record<string, string> {
  return {
    PATH: Deno.env.get("PATH") ?? "",
    HOME: Deno.env.get("HOME") ?? "/tmp",
    DATA_DIR: dataDir,
    PORT: "0",
    LOG_LEVEL: "warn",
  };
}

async function token(dataDir: string, role: string): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "main.ts", "token", "--role", role, "--sub", `${role}-sigterm`],
    cwd: ROOT,
    env: env(dataDir),
    clearEnv: true,
  }).output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).trim();
}

/** Sends the head and half the body, calls `between`, sends the rest; returns the raw answer. */
async function halfThenRest(
  url: string,
  path: string,
  bearer: string,
  body: string,
  between: () => Promise<void>,
): Promise<string> {
  const { port } = new URL(url);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(port) });
  const bytes = new TextEncoder().encode(body);
  const head = `POST ${path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${bearer}\r\n` +
    `content-type: application/json\r\ncontent-length: ${bytes.length}\r\nconnection: close\r\n\r\n`;
  const half = Math.floor(bytes.length / 2);
  try {
    await conn.write(new TextEncoder().encode(head));
    await conn.write(bytes.subarray(0, half));
    await between();
    await conn.write(bytes.subarray(half)).catch(() => 0);
    let answer = "";
    const buffer = new Uint8Array(16_384);
    for (;;) {
      const n = await conn.read(buffer).catch(() => null);
      if (n === null) break;
      answer += new TextDecoder().decode(buffer.subarray(0, n));
    }
    return answer;
  } finally {
    conn.close();
  }
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

Deno.test("SIGTERM mid-body: the request completes, or is answered 503 with Retry-After", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "sigterm-body-" });
  try {
    const service = await token(dataDir, "service");
    const auditor = await token(dataDir, "auditor");
    const first = await startEntryPoint({ DATA_DIR: dataDir });
    const eventId = crypto.randomUUID();
    const event = {
      id: eventId,
      occurred_at: new Date().toISOString(),
      actor: { id: "u-sigterm", type: "user" },
      action: "user.update",
      action_type: "update",
      resource: { type: "user", id: "u-sigterm" },
      outcome: "success",
      metadata: { padding: "p".repeat(4000) },
    };
    const answer = await halfThenRest(
      first.url,
      "/api/v1/audit/events",
      service,
      JSON.stringify(event),
      async () => {
        first.child.kill("SIGTERM");
        await new Promise((r) => setTimeout(r, 500));
      },
    );
    const status = statusOf(answer);
    const exit = await first.child.status;
    await first.drained;
    assert.equal(exit.code, 0, "a clean shutdown");
    assert.ok(
      (status >= 200 && status < 300) || (status === 503 && /\r\nretry-after: /i.test(answer)),
      `answered ${status}:\n${answer.slice(0, 600)}\nservice log:\n${first.log.text}`,
    );

    // What was acknowledged is there after a restart; nothing else was half-written.
    const second = await startEntryPoint({ DATA_DIR: dataDir });
    try {
      const trail = await fetch(`${second.url}/api/v1/audit/trail/u-sigterm`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      const ids = (await trail.json()).items.map((e: { id: string }) => e.id);
      if (status < 300) assert.deepEqual(ids, [eventId]);
      else assert.deepEqual(ids, []);
    } finally {
      second.child.kill("SIGTERM");
      await second.child.status;
      await second.drained;
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
