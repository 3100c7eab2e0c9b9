export { createLogger, type Logger, type LoggerOptions } from "./logger.ts";
export { currentLogContext, type LogContext, runWithLogContext } from "./context.ts";
