/**
 * A report's detached JWS checked by JOSE implementations that are not the
 * project's — Python's PyJWT with `cryptography`, and openssl on the raw
 * signing input — and by `logging-audit verify-report`; one changed byte of the
 * file fails every one of them.
 */
import assert from "node:assert/strict";
import { createPrincipal } from "../../domain/access/mod.ts";
import { generateReport } from "../../domain/reports/mod.ts";
import { isCi } from "../support/services.ts";
import { openPglite } from "../support/databases.ts";
import { auditDeps, newId, testKeys } from "../audit/audit_fixture.ts";
import { RANGE, reportDeps, seedTrail } from "./report_fixture.ts";

function works(command: string, args: string[]): boolean {
  try {
    return new Deno.Command(command, { args, stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
}

const PYJWT = works("python3", ["-c", "import jwt, cryptography"]);
const OPENSSL = works("openssl", ["version"]);
if (!PYJWT || !OPENSSL) {
  const what = !PYJWT ? "python3 with pyjwt and cryptography (pip)" : "openssl";
  if (isCi()) throw new Error(`${what} is required in CI`);
  console.error(`SKIPPED report signature checks that need ${what}`);
}

const PYTHON_CHECK = `
import json, sys, jwt
from jwt.algorithms import OKPAlgorithm
content = open(sys.argv[1], "rb").read()
jws = open(sys.argv[2]).read().strip()
key = OKPAlgorithm.from_jwk(open(sys.argv[3]).read())
try:
    header = jwt.api_jws.decode_complete(jws, key=key, algorithms=["EdDSA"],
                                         detached_payload=content)["header"]
except jwt.exceptions.InvalidSignatureError:
    print("invalid signature"); sys.exit(1)
print(json.dumps(header["report"]))
`;

async function run(command: string, args: string[]) {
  const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}

/** The openssl recipe of the README: PEM from the JWK, raw signing input, pkeyutl. */
async function opensslVerifies(dir: string, content: string, jws: string, x: string) {
  const [header, , signature] = (await Deno.readTextFile(jws)).trim().split(".");
  const script = `
set -e
cd "${dir}"
b64url_decode() { local s=$(printf '%s' "$1" | tr '_-' '/+'); while [ $(( \${#s} % 4 )) -ne 0 ]; do s="$s="; done; printf '%s' "$s" | base64 -d; }
{ printf '\\x30\\x2a\\x30\\x05\\x06\\x03\\x2b\\x65\\x70\\x03\\x21\\x00'; b64url_decode "${x}"; } > pub.der
openssl pkey -pubin -inform DER -in pub.der -out pub.pem
b64url_decode "${signature}" > sig.bin
{ printf '%s.' "${header}"; cat "${content}"; } > input.bin
openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in input.bin -sigfile sig.bin
`;
  return await run("bash", ["-c", script]);
}

Deno.test({
  name: "a report's signature verifies with PyJWT, openssl and verify-report; a changed byte fails",
  ignore: !PYJWT || !OPENSSL,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using db = await openPglite({ migrate: true });
    const audit = await auditDeps(db.sql);
    await seedTrail(db.sql, audit);
    const reports = await reportDeps(db.sql, audit);
    const dir = await Deno.makeTempDir();
    try {
      const generated = await generateReport(reports.deps, {
        caller: { principal: createPrincipal("auditor-1", { roles: ["auditor"] }), requestId: "r" },
        parameters: { type: "compliance", ...RANGE },
        format: "pdf",
        reportId: newId(),
      });
      const jwk = (await testKeys()).publicJwks[0]!;
      const file = `${dir}/report.pdf`;
      const jws = `${dir}/report.jws`;
      const jwkFile = `${dir}/key.jwk`;
      const jwksFile = `${dir}/keys.json`;
      await Deno.writeFile(file, generated.content);
      await Deno.writeTextFile(jws, generated.signature);
      await Deno.writeTextFile(jwkFile, JSON.stringify(jwk));
      await Deno.writeTextFile(jwksFile, JSON.stringify({ keys: [jwk] }));
      await Deno.writeTextFile(`${dir}/check.py`, PYTHON_CHECK);
      const verifyReport = () =>
        run(Deno.execPath(), [
          "run",
          // The binary's permissions (see the compile task), through its sub-command.
          "--allow-net",
          "--allow-env",
          "--allow-read",
          "--allow-write",
          "--allow-sys",
          new URL("../../main.ts", import.meta.url).pathname,
          "verify-report",
          "--file",
          file,
          "--signature",
          jws,
          "--jwks",
          jwksFile,
        ]);

      const python = await run("python3", [`${dir}/check.py`, file, jws, jwkFile]);
      assert.equal(python.code, 0, python.stdout + python.stderr);
      const statement = JSON.parse(python.stdout);
      assert.equal(statement.content_sha256, generated.sha256);
      assert.equal(statement.chain_head.seq, generated.document.chain_head.seq);
      assert.deepEqual(statement.parameters, { type: "compliance", ...RANGE });

      const openssl = await opensslVerifies(dir, file, jws, jwk.x!);
      assert.equal(openssl.code, 0, openssl.stderr);
      assert.match(openssl.stdout, /Signature Verified Successfully/);

      const task = await verifyReport();
      assert.equal(task.code, 0, task.stdout + task.stderr);
      assert.match(task.stdout, /^VALID/);

      const changed = new Uint8Array(generated.content);
      changed[Math.floor(changed.length / 2)]! ^= 0x01;
      await Deno.writeFile(file, changed);
      assert.equal((await run("python3", [`${dir}/check.py`, file, jws, jwkFile])).code, 1);
      assert.notEqual((await opensslVerifies(dir, file, jws, jwk.x!)).code, 0);
      const refused = await verifyReport();
      assert.equal(refused.code, 1);
      assert.match(refused.stdout, /^INVALID/);
    } finally {
      await reports.close();
      await audit.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
