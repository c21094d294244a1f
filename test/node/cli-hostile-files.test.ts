// Config files that are hostile or absurd, run through the `victor-flags` bin the way a user
// would: each must end in one clear message naming the file, exit 1, and no stack trace.
import { closeSync, ftruncateSync, openSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli";
import { tempDir, tempFile } from "./helpers/temp-files";

/** A "billion laughs" YAML file: ten levels of anchors, each a list of nine aliases of the one before. */
function aliasBomb(): string {
  const names = "abcdefghij".split("");
  const lines = [`${names[0]}: &${names[0]} [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
  return `version: 1\nflags:\n  a:\n    default: true\n    metadata:\n${lines.map((l) => `      ${l}`).join("\n")}\n`;
}

/** The documented limit (docs/node-and-cli.md), also exported as `MAX_CONFIG_FILE_BYTES`. */
const MAX_CONFIG_FILE_BYTES = 10 * 1024 * 1024;

const noStack = (text: string) => expect(text).not.toMatch(/unexpected error|\n\s+at /);
/** `validate` prints its findings on stdout; the other commands print an error on stderr. */
const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

describe("victor-flags on hostile config files", { timeout: 60_000 }, () => {
  it("reports a YAML alias bomb as invalid YAML in that file (validate, explain, serve)", async () => {
    const file = tempFile("flags.yaml", aliasBomb());
    const [validate, explain, serve] = await Promise.all([
      runCli(["validate", file]),
      runCli(["explain", file, "a"]),
      runCli(["serve", file, "--port", "0"]),
    ]);
    for (const r of [validate, explain, serve]) {
      expect(r.code).toBe(1);
      expect(output(r)).toContain(`${file}: invalid YAML: aliases (*name) expand to too many nodes`);
      noStack(output(r));
    }
  });

  it("refuses a config file over the size limit without reading it all, naming the file", async () => {
    const file = join(tempDir(), "huge.json");
    // A sparse file: MAX_CONFIG_FILE_BYTES + 1 bytes on disk in name only.
    const fd = openSync(file, "w");
    writeSync(fd, "{");
    ftruncateSync(fd, MAX_CONFIG_FILE_BYTES + 1);
    closeSync(fd);
    const [validate, serve] = await Promise.all([runCli(["validate", file]), runCli(["serve", file, "--port", "0"])]);
    for (const r of [validate, serve]) {
      expect(r.code).toBe(1);
      expect(output(r)).toContain(`${file}: file is larger than ${MAX_CONFIG_FILE_BYTES} bytes (10 MiB), the limit for a config or profile file`);
      noStack(output(r));
    }
    // At the limit exactly it is read (and then found not to be JSON).
    truncateSync(file, MAX_CONFIG_FILE_BYTES);
    const atLimit = await runCli(["validate", file]);
    expect(atLimit.code).toBe(1);
    expect(output(atLimit)).toContain("invalid JSON");
  });

  it("applies the same limit to a profile file", async () => {
    const config = tempFile("flags.json", { version: 1, flags: { a: { default: true } } });
    const profile = join(tempDir(), "profiles.yaml");
    writeFileSync(profile, "");
    truncateSync(profile, MAX_CONFIG_FILE_BYTES + 1);
    const r = await runCli(["validate", config, "--profile", profile]);
    expect(r.code).toBe(1);
    expect(output(r)).toContain(`${profile}: file is larger than ${MAX_CONFIG_FILE_BYTES} bytes`);
    noStack(output(r));
  });
});
