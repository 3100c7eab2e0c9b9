/**
 * The Dockerfile, checked statically (no container engine runs on the
 * development machines; CI also runs checkov over it): two stages from pinned
 * official images with digest slots, the binary built by the same compile
 * task, a runtime stage that runs nothing (no shell needed), a numeric
 * non-root user, DATA_DIR as the volume, a HEALTHCHECK through the binary,
 * OCI labels, and a build context without tests, secrets or local state.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const dockerfile = await Deno.readTextFile(new URL("Dockerfile", ROOT));
/** Instructions with continuation lines joined, comments dropped. */
const instructions = dockerfile.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (/^FROM /i.test(line)) all.push([]);
  all.at(-1)?.push(line);
  return all;
}, []);

Deno.test("two stages from pinned official images, each with a digest slot", () => {
  assert.equal(stages.length, 2);
  const [build, runtime] = stages.map((s) => s[0]!);
  assert.match(build!, /^FROM denoland\/deno:\d+\.\d+\.\d+\$\{DENO_DIGEST\} AS build$/);
  assert.match(runtime!, /^FROM gcr\.io\/distroless\/cc-debian12:nonroot\$\{RUNTIME_DIGEST\}$/);
  const denoVersion = build!.match(/deno:(\d+\.\d+\.\d+)/)![1]!;
  const ci = Deno.readTextFileSync(new URL(".ci/run", ROOT));
  assert.match(
    ci,
    new RegExp(`DENO_VERSION=${denoVersion.replaceAll(".", "\\.")}`),
    "same Deno as CI",
  );
});

Deno.test("the builder runs the compile task; the runtime stage runs nothing", () => {
  const [build, runtime] = stages;
  assert.ok(build!.some((l) => /^RUN deno install --frozen$/.test(l)));
  assert.ok(build!.some((l) => /^RUN deno task compile\b/.test(l)));
  assert.deepEqual(runtime!.filter((l) => /^RUN /i.test(l)), [], "no RUN: no shell needed");
  assert.ok(runtime!.includes('ENTRYPOINT ["/app/logging-audit"]'), "exec-form entry point");
  assert.ok(runtime!.includes('CMD ["serve"]'));
  assert.ok(
    runtime!.some((l) => /^HEALTHCHECK .*CMD \["\/app\/logging-audit", "healthcheck"\]$/.test(l)),
    "the healthcheck calls the binary, not a shell or curl",
  );
});

Deno.test("non-root, DATA_DIR is the volume, OCI labels", () => {
  const runtime = stages[1]!;
  const user = runtime.filter((l) => l.startsWith("USER ")).at(-1);
  assert.equal(user, "USER 65532:65532", "a numeric non-root user (kubelet can check it)");
  const env = runtime.find((l) => l.startsWith("ENV "))!;
  const dataDir = env.match(/DATA_DIR=(\S+)/)![1];
  assert.ok(runtime.includes(`VOLUME ["${dataDir}"]`));
  assert.ok(
    runtime.some((l) => l.includes(`--chown=65532:65532 /out/data ${dataDir}`)),
    "writable by the user",
  );
  const labels = runtime.find((l) => l.startsWith("LABEL "))!;
  for (
    const key of ["title", "description", "version", "revision", "created", "source", "licenses"]
  ) {
    assert.match(labels, new RegExp(`org\\.opencontainers\\.image\\.${key}=`), key);
  }
});

Deno.test(".dockerignore keeps tests, secrets and local state out of the build context", async () => {
  const ignored = (await Deno.readTextFile(new URL(".dockerignore", ROOT))).split("\n")
    .map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  for (
    const entry of [
      ".git/",
      ".env",
      ".services/",
      "data/",
      "dist/",
      "tests/",
      "bench/",
      "**/*_test.ts",
    ]
  ) {
    assert.ok(ignored.includes(entry), `${entry} is ignored`);
  }
  for (const needed of ["deno.json", "deno.lock", "main.ts", "infra/", "workers/"]) {
    assert.ok(!ignored.includes(needed), `${needed} is needed to compile`);
  }
});
