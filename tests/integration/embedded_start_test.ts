/**
 * The newcomer's path, as a test: start the real entry point with no
 * settings on a fresh data directory, see liveness within 10 s and the
 * embedded mode announced, use a token from `deno task token`, stop cleanly.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

/** Splits a text stream into lines. */
function lines(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, controller) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) if (part.trim()) controller.enqueue(part);
    },
    flush(controller) {
      if (rest.trim()) controller.enqueue(rest);
    },
  });
}

function denoCommand(args: string[], env: Record<string, string>) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", ...args],
    cwd: ROOT,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  });
}

function baseEnv(dataDir: string): Record<string, string> {
  return {
    PATH: Deno.env.get("PATH") ?? "",
    HOME: Deno.env.get("HOME") ?? "/tmp",
    DATA_DIR: dataDir,
    PORT: "0",
  };
}

Deno.test("embedded start: live within 10 s, says embedded, accepts a dev token, stops on SIGTERM", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "embedded-start-" });
  const started = performance.now();
  const child = denoCommand(["main.ts"], baseEnv(dataDir)).spawn();
  const seen: Record<string, unknown>[] = [];
  const reader = child.stdout
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(lines())
    .getReader();
  const next = async (predicate: (line: Record<string, unknown>) => boolean, timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      const line = JSON.parse(value);
      seen.push(line);
      if (predicate(line)) return line;
    }
    throw new Error(
      `not seen in time; log so far:\n${seen.map((l) => JSON.stringify(l)).join("\n")}`,
    );
  };
  try {
    const starting = await next((l) => String(l.message).startsWith("starting on"), 10_000);
    const url = String(starting.message).replace("starting on ", "");
    let live = 0;
    while (performance.now() - started < 10_000) {
      const response = await fetch(`${url}/health/live`).catch(() => undefined);
      await response?.body?.cancel();
      if (response?.status === 200) {
        live = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(live > 0 && live < 10_000, `liveness answered after ${Math.round(live)} ms`);

    const ready = await next((l) => String(l.message).startsWith("ready on"), 30_000);
    assert.match(String(ready.message), /in embedded mode/);
    assert.equal(ready["service.mode"], "embedded");

    const token = await denoCommand(
      ["main.ts", "token", "--role", "auditor", "--sub", "newcomer"],
      baseEnv(dataDir),
    )
      .output();
    assert.ok(token.success, new TextDecoder().decode(token.stderr));
    const me = await fetch(`${url}/api/v1/me`, {
      headers: { authorization: `Bearer ${new TextDecoder().decode(token.stdout).trim()}` },
    });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).id, "newcomer");
  } finally {
    child.kill("SIGTERM");
    const status = await child.status;
    await child.stderr.cancel();
    await reader.cancel().catch(() => {});
    await Deno.remove(dataDir, { recursive: true });
    assert.equal(status.code, 0, "a clean shutdown");
  }
});

Deno.test("a wrong setting stops start-up with every problem listed", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "bad-config-" });
  try {
    const output = await denoCommand(["main.ts"], {
      ...baseEnv(dataDir),
      PORT: "eighty",
      LOG_LEVEL: "chatty",
      APP_ENV: "production",
    }).output();
    assert.equal(output.code, 78);
    const stderr = new TextDecoder().decode(output.stderr);
    assert.match(stderr, /PORT:/);
    assert.match(stderr, /LOG_LEVEL:/);
    assert.match(stderr, /JWT_JWKS_URL: production needs/);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a setting found wrong while composing (key, configured file) stops start-up the same way", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "bad-setting-" });
  const notJson = `${dataDir}/register.json`;
  await Deno.writeTextFile(notJson, "controller: acme\n");
  const cases: [Record<string, string>, RegExp][] = [
    [{ JWT_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\nnot a key" }, /JWT_PUBLIC_KEY: /],
    [{ AUDIT_SIGNING_KEY: "not a key" }, /AUDIT_SIGNING_KEY: not an Ed25519 private key/],
    [{ AUDIT_PREVIOUS_PUBLIC_KEYS: '[{"kty":"RSA"}]' }, /AUDIT_PREVIOUS_PUBLIC_KEYS: /],
    [{ AUDIT_PREVIOUS_PUBLIC_KEYS: "{" }, /AUDIT_PREVIOUS_PUBLIC_KEYS: not a JSON array/],
    [{ GDPR_PROCESSING_REGISTER: notJson }, /GDPR_PROCESSING_REGISTER: .* is not JSON/],
    [{ REPORT_PCI_MAPPING: `${dataDir}/missing.json` }, /REPORT_PCI_MAPPING: cannot read/],
  ];
  try {
    for (const [settings, expected] of cases) {
      const output = await denoCommand(["main.ts"], { ...baseEnv(dataDir), ...settings })
        .output();
      const stderr = new TextDecoder().decode(output.stderr);
      const what = JSON.stringify(settings);
      assert.equal(output.code, 78, `${what}: ${stderr}`);
      assert.match(stderr, /invalid configuration:/, what);
      assert.match(stderr, expected, what);
      assert.doesNotMatch(stderr, /\.ts:\d+|^\s+at /m, `${what}: no stack trace`);
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("the token task refuses production settings", async () => {
  const output = await denoCommand(["main.ts", "token", "--role", "admin"], {
    ...baseEnv("/tmp/unused"),
    APP_ENV: "production",
    JWT_JWKS_URL: "https://idp.example/jwks",
  }).output();
  assert.equal(output.success, false);
  assert.match(new TextDecoder().decode(output.stderr), /refusing/);
});
