/**
 * `/docs` (Swagger UI) and `/redoc` rendered by a real headless Chromium,
 * with the network beyond loopback unused: the pages' assets come from the
 * service itself. Each page is screenshotted and its rendered DOM must show
 * the API title and at least one operation.
 */
import assert from "node:assert/strict";
import { buildTestApp } from "../support/test_app.ts";
import { isCi } from "../support/services.ts";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
  .find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
if (!CHROMIUM) {
  if (isCi()) throw new Error("Chromium is required in CI (apt-get install chromium)");
  console.error("SKIPPED docs page tests (no Chromium — apt-get install chromium)");
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--hide-scrollbars",
  "--window-size=1280,1600",
  "--virtual-time-budget=15000",
];

async function chromium(args: string[]): Promise<string> {
  const profile = await Deno.makeTempDir({ prefix: "docs-chromium-" });
  try {
    const output = await new Deno.Command(CHROMIUM!, {
      args: [...FLAGS, `--user-data-dir=${profile}`, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(output.success, new TextDecoder().decode(output.stderr).slice(-2000));
    return new TextDecoder().decode(output.stdout);
  } finally {
    await Deno.remove(profile, { recursive: true });
  }
}

for (const page of ["/docs", "/redoc"]) {
  Deno.test({
    name: `${page} renders the API in headless Chromium`,
    ignore: !CHROMIUM,
    fn: async () => {
      const { app } = await buildTestApp();
      const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
      const url = `http://127.0.0.1:${server.addr.port}${page}`;
      const shots = Deno.env.get("DOCS_SCREENSHOT_DIR") ?? await Deno.makeTempDir();
      const screenshot = `${shots}/${page.slice(1)}.png`;
      try {
        const dom = await chromium(["--dump-dom", url]);
        assert.match(dom, /Logging &amp; Audit Service API|Logging & Audit Service API/);
        assert.match(dom, /\/health\/live/, "at least one operation is listed");
        assert.match(dom, /\/api\/v1\/me/);
        await chromium([`--screenshot=${screenshot}`, url]);
        const png = await Deno.readFile(screenshot);
        assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG was written");
        assert.ok(
          png.length > 20_000,
          `the screenshot shows a rendered page (${png.length} bytes)`,
        );
      } finally {
        await server.shutdown();
      }
    },
  });
}
