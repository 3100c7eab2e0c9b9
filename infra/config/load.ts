import { type Config, ConfigSchema, crossFieldProblems } from "./schema.ts";
import { parseDotenv } from "./dotenv.ts";

/** Raised when settings are invalid; `problems` lists every one of them. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * Builds the configuration from an environment map. Empty strings count as
 * unset, so `FOO=` in a manifest does not defeat a default.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const result = ConfigSchema.safeParse(cleaned);
  const crossField = crossFieldProblems(cleaned as Record<string, string>);
  if (result.success && crossField.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  throw new ConfigError([
    ...issues.map((issue) => {
      const key = issue.path.join(".") || "(config)";
      const value = typeof issue.path[0] === "string" && !/SECRET|PASSWORD|TOKEN|KEY/.test(key)
        ? cleaned[issue.path[0]]
        : undefined;
      return `${key}: ${issue.message}${value === undefined ? "" : ` (got "${value}")`}`;
    }),
    ...crossField,
  ]);
}

/**
 * Reads the process environment, plus `.env` in the working directory when
 * present (real environment variables win). The only place that reads
 * `Deno.env`.
 */
export function loadConfig(options: { dotenvPath?: string } = {}): Config {
  const path = options.dotenvPath ?? ".env";
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotenv(Deno.readTextFileSync(path));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return parseConfig({ ...fromFile, ...Deno.env.toObject() });
}

/**
 * {@linkcode loadConfig} for entry points (the service and the `deno task`
 * scripts): invalid settings print their list and exit with EX_CONFIG (78).
 */
export function loadConfigOrExit(options: { dotenvPath?: string } = {}): Config {
  try {
    return loadConfig(options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    Deno.exit(78);
  }
}
