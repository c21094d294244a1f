#!/usr/bin/env node
// The `victor-flags` bin. Everything lives in cli/; this file only connects it to the process.
import { runCli } from "./cli/main.js";

// The build writes a declaration file for every entry, the bin included; with no export at all
// dist/cli.d.ts would be an empty chunk and rollup would warn on every build. The bin's own
// interface, the IO it runs with, is what it declares. (Not public API: `exports` has no `./cli`.)
export type { CliIO } from "./cli/command.js";

void runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text + "\n"),
  err: (text) => void process.stderr.write(text + "\n"),
  env: process.env,
  // Installed only when a long-running command asks, so Ctrl-C still ends any other command.
  untilStopped: () => new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  }),
}).then((code) => {
  // Set the code and let output drain: process.exit() can cut off a piped stdout.
  process.exitCode = code;
});
