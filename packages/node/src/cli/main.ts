import { readFileSync } from "node:fs";
import { FlagsError } from "@victor-flags/core";
import { didYouMean } from "../suggest.js";
import { commandHelp, parseCommandArgs } from "./args.js";
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIO } from "./command.js";
import { commands } from "./commands.js";

function version(): string {
  // dist/cli.js sits one level below package.json, src/cli/main.ts two.
  for (const rel of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@victor-flags/node" && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return "unknown";
}

/** The top-level `--help` text. */
export function topHelp(list: readonly CliCommand[] = commands): string {
  const width = Math.max(...list.map((c) => c.name.length)) + 2;
  return [
    "Usage: victor-flags <command> [arguments] [options]",
    "",
    "Commands:",
    ...list.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Options:",
    "  -h, --help     show help (also after any command: victor-flags validate --help)",
    "  -v, --version  print the version",
    "",
    "Exit codes: 0 ok, 1 error in the input (config, profile, flag, env), 2 usage error",
  ].join("\n");
}

/**
 * Runs the CLI on `argv` (without the node and script paths) and returns the exit code. User
 * errors print one message without a stack; only an unexpected failure prints a stack.
 */
export async function runCli(argv: readonly string[], io: CliIO, list: readonly CliCommand[] = commands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(topHelp(list));
    return EXIT_USAGE;
  }
  if (first === "-h" || first === "--help") {
    io.out(topHelp(list));
    return EXIT_OK;
  }
  if (first === "-v" || first === "--version") {
    io.out(version());
    return EXIT_OK;
  }
  const names = list.map((c) => c.name);
  if (first === "help") {
    const target = rest[0] === undefined ? undefined : list.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !target) {
      io.err(`victor-flags: unknown command "${rest[0]}"${didYouMean(rest[0], names)}\nRun \`victor-flags --help\` for the list of commands.`);
      return EXIT_USAGE;
    }
    io.out(target ? commandHelp(target) : topHelp(list));
    return EXIT_OK;
  }
  const command = list.find((c) => c.name === first);
  if (!command) {
    const what = first.startsWith("-") ? `unknown option "${first}"` : `unknown command "${first}"${didYouMean(first, names)}`;
    io.err(`victor-flags: ${what}\nRun \`victor-flags --help\` for the list of commands.`);
    return EXIT_USAGE;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args.help) {
      io.out(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run({ positionals: args.positionals, values: args.values }, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`victor-flags ${command.name}: ${error.message}\nRun \`victor-flags ${command.name} --help\` for usage.`);
      return EXIT_USAGE;
    }
    if (error instanceof FlagsError) {
      io.err(`victor-flags ${command.name}: error: ${error.message}`);
      return EXIT_ERROR;
    }
    io.err(`victor-flags ${command.name}: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}`);
    return EXIT_ERROR;
  }
}
