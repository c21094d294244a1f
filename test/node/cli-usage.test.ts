import { describe, expect, it } from "vitest";
import { cleanEnv, CLI, runCli } from "./helpers/run-cli";

const STACK = /\n\s+at /;

// Each test starts the CLI as child processes; on a busy machine that takes a while.
describe("victor-flags: help and usage errors", { timeout: 60_000 }, () => {
  it("prints the command list with --help (exit 0) and on stderr without arguments (exit 2)", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const cmd of ["validate", "explain", "matrix", "serve"]) expect(help.stdout).toContain(`  ${cmd} `);
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toContain("Usage: victor-flags <command>");
  });

  it("has --help on every command, and `help <command>` says the same", async () => {
    await Promise.all(
      ["validate", "explain", "matrix", "serve"].map(async (cmd) => {
        const [res, viaHelp] = await Promise.all([runCli([cmd, "--help"]), runCli(["help", cmd])]);
        expect(res.code, cmd).toBe(0);
        expect(res.stdout).toMatch(new RegExp(`^Usage: victor-flags ${cmd} <config>`));
        expect(res.stdout).toContain("Exit codes: 0 ok, 1 error in the input");
        expect(viaHelp.stdout).toBe(res.stdout);
      }),
    );
    expect((await runCli(["explain", "-h"])).stdout).toContain("--user ID");
  });

  it("is an executable script with a node shebang, as npm links a bin", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const { stdout } = await promisify(execFile)(CLI, ["--version"], { env: cleanEnv() });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints the package version", async () => {
    const res = await runCli(["--version"]);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 with a pointer to --help for an unknown command, option, missing argument or bad value", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["valdate", "x.json"], /unknown command "valdate" \(did you mean "validate"\?\)/],
      [["validate"], /victor-flags validate: missing <config>/],
      [["explain", "x.json"], /victor-flags explain: missing <flag>/],
      [["validate", "x.json", "--bogus"], /Unknown option '--bogus'/],
      [["validate", "a.json", "b.json"], /unexpected argument "b.json"/],
      [["matrix", "x.json", "--format", "xml"], /--format must be json or github, got "xml"/],
      [["matrix", "x.json", "--flags", ","], /--flags needs at least one flag name/],
      [["serve", "x.json", "--port", "http"], /--port must be a number from 0 to 65535, got "http"/],
      [["explain", "x.json", "a", "--user"], /argument missing/],
      [["help", "nope"], /unknown command "nope"/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const res = results[i]!;
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stderr).toMatch(/Run `victor-flags( \w+)? --help`/);
      expect(res.stderr).not.toMatch(STACK);
    }
  });
});
