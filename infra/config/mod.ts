export { type Config, ConfigSchema, LOG_LEVELS, type LogLevel } from "./schema.ts";
export { ConfigError, loadConfig, parseConfig } from "./load.ts";
