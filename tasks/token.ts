/**
 * Prints a signed JWT the locally running embedded service accepts:
 *
 *   deno task token --role developer --sub alice --services checkout,payments
 *
 * Development only: refuses when APP_ENV is production or when the service is
 * configured with a real key source (JWKS URL, PEM key or shared secret).
 */
import { parseArgs } from "node:util";
import * as jose from "jose";
import { isRole, ROLES } from "../domain/access/mod.ts";
import { DEV_SIGNING_ALGORITHM, loadOrCreateDevSigningKey } from "../infra/auth/mod.ts";
import { loadConfigOrExit } from "../infra/config/mod.ts";

const USAGE = `usage: deno task token --role <${ROLES.join("|")}> [--role …] ` +
  "[--sub <id>] [--services a,b] [--ttl <seconds>]";

function fail(message: string): never {
  console.error(message);
  Deno.exit(2);
}

const { values } = parseArgs({
  args: Deno.args,
  options: {
    role: { type: "string", multiple: true },
    sub: { type: "string" },
    services: { type: "string" },
    ttl: { type: "string", default: "3600" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  Deno.exit(0);
}

const config = loadConfigOrExit();
if (config.APP_ENV === "production") fail("refusing to mint tokens: APP_ENV is production");
if (config.JWT_JWKS_URL || config.JWT_PUBLIC_KEY || config.JWT_HS256_SECRET) {
  fail("refusing to mint tokens: the service is configured with a real JWT key source");
}

const roles = values.role ?? [];
if (roles.length === 0) fail(USAGE);
const unknown = roles.filter((r) => !isRole(r));
if (unknown.length > 0) fail(`unknown role(s): ${unknown.join(", ")}\n${USAGE}`);
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 60 || ttl > 7 * 24 * 3600) {
  fail("--ttl must be an integer number of seconds between 60 and 604800");
}

const key = await loadOrCreateDevSigningKey(config.DATA_DIR);
const privateKey = await jose.importJWK(key.privateJwk, DEV_SIGNING_ALGORITHM);
const token = await new jose.SignJWT({
  [config.JWT_ROLES_CLAIM]: roles,
  [config.JWT_SERVICES_CLAIM]: (values.services ?? "").split(",").map((s) => s.trim()).filter(
    Boolean,
  ),
})
  .setProtectedHeader({ alg: DEV_SIGNING_ALGORITHM, typ: "JWT" })
  .setSubject(values.sub ?? `dev-${roles[0]}`)
  .setIssuer(config.JWT_ISSUER)
  .setAudience(config.JWT_AUDIENCE)
  .setIssuedAt()
  .setExpirationTime(`${ttl}s`)
  .sign(privateKey);
console.log(token);
