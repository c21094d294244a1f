import { parseArgs } from "node:util";
import { UsageError, type CliArgs, type CliCommand } from "./command.js";

/** Parses a command's arguments strictly; anything unexpected is a `UsageError` (exit 2). */
export function parseCommandArgs(command: CliCommand, argv: readonly string[]): CliArgs & { help: boolean } {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const [name, opt] of Object.entries(command.options)) options[name] = { type: opt.type, ...(opt.short ? { short: opt.short } : {}) };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    // parseArgs' messages are already specific ("Unknown option '--x'", "Option '--port <value>' argument missing").
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, "").replace(/\.$/, ""));
  }
  const help = parsed.values.help === true;
  if (!help) {
    const required = command.positionals.filter((p) => p.required);
    if (parsed.positionals.length < required.length) {
      const missing = required.slice(parsed.positionals.length).map((p) => `<${p.name}>`);
      throw new UsageError(`missing ${missing.join(" and ")}`);
    }
    if (parsed.positionals.length > command.positionals.length) {
      throw new UsageError(`unexpected argument "${parsed.positionals[command.positionals.length]}"`);
    }
  }
  return { positionals: parsed.positionals, values: parsed.values, help };
}

/** The `--help` text of a command. */
export function commandHelp(command: CliCommand): string {
  const pos = command.positionals.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(" ");
  const rows: Array<[string, string]> = [
    ...command.positionals.map((p): [string, string] => [`<${p.name}>`, p.description]),
    ...Object.entries(command.options).map(([name, o]): [string, string] => [
      `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`,
      o.description,
    ]),
    ["-h, --help", "show this help"],
  ];
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const lines = [
    `Usage: victor-flags ${command.name}${pos ? ` ${pos}` : ""}${Object.keys(command.options).length ? " [options]" : ""}`,
    "",
    command.description,
    "",
    "Arguments and options:",
    ...rows.map(([l, d]) => `  ${l.padEnd(width)}${d}`),
  ];
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  lines.push("", "Exit codes: 0 ok, 1 error in the input (config, profile, flag, env), 2 usage error");
  return lines.join("\n");
}
