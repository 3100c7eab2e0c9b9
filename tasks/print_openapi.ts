/**
 * Prints the OpenAPI document of the full application without starting any
 * dependency, for linters and client generators: `deno task openapi > openapi.json`.
 */
import { buildDocumentApp } from "../composition/document_app.ts";

const app = await buildDocumentApp();
const response = await app.request("/openapi.json");
console.log(JSON.stringify(await response.json(), null, 2));
