/**
 * Prints the OpenAPI document of the full application without starting any
 * dependency, for linters and client generators:
 * `logging-audit openapi > openapi.json` (or `deno task openapi`).
 */
import { buildDocumentApp } from "../composition/document_app.ts";
import { UsageError } from "./command_line.ts";

/** Runs `openapi`. */
export async function run(args: readonly string[]): Promise<number> {
  if (args.length > 0) throw new UsageError(`openapi takes no arguments (got ${args.join(" ")})`);
  const app = await buildDocumentApp();
  const response = await app.request("/openapi.json");
  console.log(JSON.stringify(await response.json(), null, 2));
  return 0;
}
