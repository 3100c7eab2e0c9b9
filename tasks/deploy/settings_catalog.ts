/**
 * The settings of the one config schema, as the deployment files need them:
 * name, secret or not, the service's default as an environment string, and
 * the JSON schema of the Helm value. Everything here is derived from
 * `infra/config/schema.ts`; nothing is listed by hand except which settings
 * hold JSON and what the chart sets differently from the service.
 * @module
 */
import { z } from "zod";
import { ConfigSchema } from "../../infra/config/schema.ts";
import { SECRET_SETTINGS } from "../../infra/config/secret_settings.ts";

/** One setting. */
export interface Setting {
  readonly name: string;
  readonly secret: boolean;
  /** The service's default as an environment value; "" when it has none. */
  readonly defaultEnv: string;
  /** JSON schema of the value in the chart's values (YAML types accepted, "" = unset). */
  readonly valueSchema: Record<string, unknown>;
}

/** Settings whose value is JSON text: the chart also takes them as YAML objects or lists. */
const JSON_SETTINGS = new Set(["SNAPSHOT_REPOSITORY_SETTINGS", "AUDIT_PREVIOUS_PUBLIC_KEYS"]);

/** Where the chart and the manifests differ from the service's defaults, and why. */
export const DEPLOYMENT_DEFAULTS: Readonly<Record<string, string>> = {
  DATA_DIR: "/data", // the volume of the image (the root filesystem is read-only)
  HOST: "0.0.0.0",
  PORT: "8080",
};

/** Every setting, in schema order. */
export function settingsCatalog(): Setting[] {
  const defaults = ConfigSchema.parse({}) as Record<string, unknown>;
  const json = z.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  return Object.keys(ConfigSchema.shape).map((name) => {
    const { default: _default, ...input } = json.properties[name] ?? {};
    return {
      name,
      secret: SECRET_SETTINGS.has(name),
      defaultEnv: envText(defaults[name]),
      valueSchema: valueSchema(name, input, defaults[name]),
    };
  });
}

/** A parsed default written back as the environment string it comes from. */
export function envText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function valueSchema(
  name: string,
  input: Record<string, unknown>,
  parsedDefault: unknown,
): Record<string, unknown> {
  const options: Record<string, unknown>[] = [];
  if (typeof parsedDefault === "boolean" || isBooleanEnum(input)) options.push({ type: "boolean" });
  if (Array.isArray(parsedDefault)) options.push({ type: "array", items: { type: "string" } });
  if (JSON_SETTINGS.has(name)) options.push({ type: ["object", "array"] });
  const base = cleanSchema(input);
  options.push(base, { const: "" });
  return { anyOf: options };
}

function isBooleanEnum(schema: Record<string, unknown>): boolean {
  const values = schema.enum;
  return Array.isArray(values) && values.includes("true") && values.includes("false");
}

/** Drops what Helm's validator does not need and bounds that are no bounds. */
function cleanSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema" || key === "default") continue;
    if ((key === "minimum" || key === "maximum") && Math.abs(Number(value)) >= 2 ** 53 - 1) {
      continue;
    }
    if (key === "anyOf" && Array.isArray(value)) {
      out.anyOf = value.map((v) => cleanSchema(v as Record<string, unknown>));
      continue;
    }
    out[key] = value;
  }
  if (Object.keys(out).length === 0) out.type = "string";
  return out;
}
