export { type Config, ConfigSchema, LOG_LEVELS, type LogLevel } from "./schema.ts";
export { ConfigError, loadConfig, loadConfigOrExit, parseConfig } from "./load.ts";
