/**
 * Prints a signed JWT the locally running embedded service accepts:
 *
 *   logging-audit token --role developer --sub alice --services checkout,payments
 *
 * Development only: refuses when APP_ENV is production or when the service is
 * configured with a real key source (JWKS URL, PEM key or shared secret).
 */
import * as jose from "jose";
import { isRole, ROLES } from "../domain/access/mod.ts";
import { DEV_SIGNING_ALGORITHM, loadOrCreateDevSigningKey } from "../infra/auth/mod.ts";
import { loadConfigOrExit } from "../infra/config/mod.ts";
import { parseOptions, UsageError } from "./command_line.ts";

function options(args: readonly string[]) {
  return parseOptions(args, {
    role: { type: "string", multiple: true },
    sub: { type: "string" },
    services: { type: "string" },
    ttl: { type: "string", default: "3600" },
  });
}

/** Runs `token`; prints the token on stdout. */
export async function run(args: readonly string[]): Promise<number> {
  const values = options(args);
  const roles = values.role ?? [];
  if (roles.length === 0) throw new UsageError(`--role is required (${ROLES.join(", ")})`);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new UsageError(`unknown role(s): ${unknown.join(", ")} (known: ${ROLES.join(", ")})`);
  }
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 7 * 24 * 3600) {
    throw new UsageError("--ttl must be an integer number of seconds between 60 and 604800");
  }

  const config = loadConfigOrExit();
  if (config.APP_ENV === "production") {
    console.error("refusing to mint tokens: APP_ENV is production");
    return 2;
  }
  if (config.JWT_JWKS_URL || config.JWT_PUBLIC_KEY || config.JWT_HS256_SECRET) {
    console.error("refusing to mint tokens: the service is configured with a real JWT key source");
    return 2;
  }

  const key = await loadOrCreateDevSigningKey(config.DATA_DIR);
  const privateKey = await jose.importJWK(key.privateJwk, DEV_SIGNING_ALGORITHM);
  const services = (values.services ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const token = await new jose.SignJWT({
    [config.JWT_ROLES_CLAIM]: roles,
    [config.JWT_SERVICES_CLAIM]: services,
  })
    .setProtectedHeader({ alg: DEV_SIGNING_ALGORITHM, typ: "JWT" })
    .setSubject(values.sub ?? `dev-${roles[0]}`)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(privateKey);
  console.log(token);
  return 0;
}
