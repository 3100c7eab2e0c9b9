/**
 * Checks a report file offline against its detached signature: the EdDSA
 * signature over the file's bytes with a trusted key, and that the signed
 * statement's SHA-256 and length are the file's. Prints what the report
 * states (type, parameters, generation time, chain head).
 *
 *   deno task verify-report --file report.pdf --signature report.jws [--jwks keys.json]
 *
 * Options:
 *   --file PATH        the report as downloaded
 *   --signature PATH   its signature: the `x-report-signature` header, or the job's
 *                      `result.signature`, saved to a file
 *   --jwks PATH        trusted public keys (the JSON of GET /api/v1/audit/signing-keys);
 *                      default: the configured or development checkpoint key
 *   --json             print the result as JSON
 *
 * Exit status: 0 valid, 1 invalid, 2 bad usage or an error.
 */
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { type ReportCheck, verifyReportSignature } from "../infra/reports/report_signature.ts";
import { trustedPublicKeys } from "./_trusted_keys.ts";
import { parseOptions, UsageError } from "./command_line.ts";

/** What to check. */
interface VerifyReportOptions {
  readonly file: string;
  readonly signature: string;
  /** Trusted keys; default: the configured or development key. */
  readonly jwks?: string | undefined;
}

/** Reads the files and checks them. */
async function verifyReportFiles(options: VerifyReportOptions): Promise<ReportCheck> {
  const content = await Deno.readFile(options.file);
  const jws = (await Deno.readTextFile(options.signature)).trim();
  const keys = await trustedPublicKeys(options.jwks, loadConfigOrExit);
  return await verifyReportSignature(content, jws, keys);
}

/** Runs `verify-report`. */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseOptions(argv, {
    file: { type: "string" },
    signature: { type: "string" },
    jwks: { type: "string" },
    json: { type: "boolean", default: false },
  });
  if (!args.file || !args.signature) throw new UsageError("--file and --signature are required");
  let check: ReportCheck;
  try {
    check = await verifyReportFiles({
      file: args.file,
      signature: args.signature,
      jwks: args.jwks,
    });
  } catch (error) {
    console.error(`verification failed to run: ${(error as Error).message}`);
    return 2;
  }
  if (args.json) {
    console.log(JSON.stringify(check, null, 2));
  } else if (check.valid) {
    const s = check.statement;
    console.log(`VALID    ${s.type} report ${s.report_id} (${s.format}), key ${check.keyId}`);
    console.log(
      `         ${s.parameters.from} – ${s.parameters.to}` +
        (s.parameters.subject ? `, subject ${s.parameters.subject}` : ""),
    );
    console.log(
      `         generated ${s.generated_at}, chain head seq ${s.chain_head.seq} ` +
        `(${s.chain_head.hash})`,
    );
    console.log(`         sha256 ${s.content_sha256}, ${s.content_length} bytes`);
  } else {
    console.log(`INVALID  ${check.reason}`);
  }
  return check.valid ? 0 : 1;
}
