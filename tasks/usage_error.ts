/**
 * A command line the sub-command cannot run: wrong arguments or options. The
 * dispatcher prints the message with the command's usage and exits 2, so
 * each command reports bad input the same way.
 */
export class UsageError extends Error {
  override name = "UsageError";
}
