import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/**
 * A command line the sub-command cannot run: wrong arguments or options. The
 * dispatcher prints the message with the command's usage and exits 2, so
 * each command reports bad input the same way.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The options of a command line, strictly: an unknown option, a missing
 * value or a stray argument is a UsageError.
 */
export function parseOptions<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
