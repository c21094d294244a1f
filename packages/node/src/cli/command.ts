import { FlagsError } from "@victor-flags/core";

/** Exit codes of the `victor-flags` CLI. */
export const EXIT_OK = 0;
/** The input is wrong: invalid config, unknown flag, malformed file. */
export const EXIT_ERROR = 1;
/** The command line is wrong: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

/** A command line the CLI cannot run (exit 2); printed with a pointer to `--help`. */
export class UsageError extends FlagsError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/** A problem with the user's input (exit 1); printed as one message, without a stack trace. */
export class UserError extends FlagsError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/** Where a command writes and what it reads from its host process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks a long-running command (`serve`) to stop (Ctrl-C, SIGTERM). */
  untilStopped(): Promise<void>;
}

/** One option of a command, as `node:util` `parseArgs` declares it, plus its help line. */
export interface CliOption {
  type: "string" | "boolean";
  short?: string;
  /** Shown after the option in help, e.g. `ID` in `--user ID`. */
  valueName?: string;
  description: string;
}

/** Parsed arguments handed to a command. */
export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * A CLI command. Each lives in its own file under `cli/` and is listed once in `commands.ts`,
 * so adding one (say `codegen`) is one new file and one line.
 */
export interface CliCommand {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Positional arguments in order; `?` marks optional ones in help. */
  positionals: ReadonlyArray<{ name: string; required: boolean; description: string }>;
  options: Readonly<Record<string, CliOption>>;
  /** Paragraphs shown in the command's `--help` after the usage line. */
  description: string;
  examples?: readonly string[];
  run(args: CliArgs, io: CliIO): Promise<number> | number;
}

/** A string option's value, or `undefined`. */
export function stringOption(args: CliArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

/** A boolean option's value. */
export function flagOption(args: CliArgs, name: string): boolean {
  return args.values[name] === true;
}
