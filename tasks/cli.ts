/**
 * The dispatcher of the one entry point: `logging-audit [command] [args]`.
 * No command (or options only) means `serve`; `--help` lists the commands;
 * `<command> --help` prints its usage. Exit status: the command's own, 2 for
 * a command line that cannot run.
 * @module
 */
import { type Command, COMMANDS, SERVE_USAGE } from "./commands.ts";
import { ConfigError } from "../infra/config/mod.ts";
import { UsageError } from "./command_line.ts";

const PROGRAM = "logging-audit";
const HELP = new Set(["--help", "-h", "help"]);

/** What the entry point provides: the service itself. */
export interface CliOptions {
  /** Starts the service; resolves when it is running (it stops on a signal). */
  readonly serve: () => Promise<void>;
  readonly commands?: readonly Command[];
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
}

/** The `--help` text. */
export function helpText(commands: readonly Command[] = COMMANDS): string {
  const rows: [string, string][] = [
    [SERVE_USAGE, "run the HTTP service (the default when no command is given)"],
    ...commands.map((c): [string, string] => [c.usage, c.summary]),
  ];
  const width = Math.min(32, Math.max(...rows.map(([usage]) => usage.length)));
  return [
    `usage: ${PROGRAM} [command] [options]`,
    "",
    "commands:",
    ...rows.map(([usage, summary]) =>
      usage.length > width
        ? `  ${usage}\n  ${" ".repeat(width)}  ${summary}`
        : `  ${usage.padEnd(width)}  ${summary}`
    ),
    "",
    "Settings come from the environment (see the README's configuration table).",
  ].join("\n");
}

/**
 * Runs the command `argv` names and resolves with the exit status; for
 * `serve` it resolves once the service runs, with `undefined` (the process
 * then lives until a signal stops the service).
 */
export async function runCli(
  argv: readonly string[],
  options: CliOptions,
): Promise<number | undefined> {
  const commands = options.commands ?? COMMANDS;
  const out = options.out ?? ((text: string) => console.log(text));
  const err = options.err ?? ((text: string) => console.error(text));
  const [first, ...rest] = argv;
  if (first !== undefined && HELP.has(first)) {
    out(helpText(commands));
    return 0;
  }
  if (first === undefined || first === "serve") {
    if (rest.some((arg) => HELP.has(arg))) {
      out(`usage: ${PROGRAM} ${SERVE_USAGE}`);
      return 0;
    }
    if (rest.length > 0) {
      err(`serve takes no arguments (got ${rest.join(" ")})\nusage: ${PROGRAM} ${SERVE_USAGE}`);
      return 2;
    }
    try {
      await options.serve();
    } catch (error) {
      return configProblem(error, err);
    }
    return undefined;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    err(`unknown command "${first}"\n\n${helpText(commands)}`);
    return 2;
  }
  if (rest.some((arg) => HELP.has(arg))) {
    out(`usage: ${PROGRAM} ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) return configProblem(error, err);
    err(`${error.message}\nusage: ${PROGRAM} ${command.usage}`);
    return 2;
  }
}

/**
 * A setting found invalid only while the service is composed (a key that does
 * not parse, a configured file that is missing or malformed) ends the process
 * like one found on reading the configuration: its problems, EX_CONFIG (78),
 * no stack trace. Anything else is not a configuration problem and is thrown.
 */
function configProblem(error: unknown, err: (text: string) => void): number {
  if (!(error instanceof ConfigError)) throw error;
  err(error.message);
  return 78;
}
