import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../fixtures/catalogue";
import { runCli } from "./helpers/run-cli";
import { tempDir, tempFile } from "./helpers/temp-files";

const STACK = /\n\s+at /;

// Each test starts the CLI as a child process; on a busy machine that takes a while.
describe("victor-flags validate", { timeout: 60_000 }, () => {
  it("accepts the catalogue (exit 0)", async () => {
    const res = await runCli(["validate", tempFile("flags.json", loadCatalogue())]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/flags\.json: valid \(9 flags\)$/m);
  });

  it("lists every error and warning with path and file:line:column, and exits 1", async () => {
    const file = tempFile(
      "flags.json",
      ['{', '  "version": 1,', '  "flags": {', '    "a": { "default": "yes", "dependencies": ["ghost"], "colour": "red" },', '    "b": { "default": true, "rollout": { "percentage": 140 } }', "  }", "}", ""].join("\n"),
    );
    const res = await runCli(["validate", file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`${file}: invalid, 3 errors, 1 warning`);
    expect(res.stdout).toContain(`error   ${file}:4:12: flags.a.default: must be a boolean, got "yes"`);
    expect(res.stdout).toContain(`error   ${file}:4:47: flags.a.dependencies[0]: unknown flag "ghost"`);
    expect(res.stdout).toMatch(/error {3}.*:5:\d+: flags\.b\.rollout\.percentage: must be a number from 0 to 100, got number 140/);
    expect(res.stdout).toContain(`warning ${file}:4:57: flags.a.colour: unknown key "colour" is ignored`);
  });

  it("names the members of a dependency cycle", async () => {
    const file = tempFile("flags.json", { version: 1, flags: { a: { default: false, dependencies: ["b"] }, b: { default: false, dependencies: ["a"] } } });
    const res = await runCli(["validate", file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/flags\.a\.dependencies: dependency cycle: a -> b -> a/);
  });

  it("passes with warnings only (exit 0)", async () => {
    const res = await runCli(["validate", tempFile("flags.json", { version: 1, flags: { a: { default: false } }, feature_flags: { zz: true } })]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("valid (1 flag), 1 warning");
    expect(res.stdout).toContain('feature_flags.zz: value for undeclared flag "zz" is ignored');
  });

  it("reports malformed JSON and a missing file without a stack trace (exit 1)", async () => {
    const bad = tempFile("flags.json", '{\n  "version": 1,\n  "flags": { "a": { "default": true }, }\n}\n');
    const res = await runCli(["validate", bad]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`${bad.replace(/[.\\/]/g, "\\$&")}:3:\\d+: invalid JSON: `));
    const missing = join(tempDir(), "nope.json");
    const gone = await runCli(["validate", missing]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toContain(`${missing}: config file not found`);
    expect(gone.stdout + gone.stderr).not.toMatch(STACK);
  });

  it("with --env, fails on a VICTOR_FEATURE_* value that is not a boolean, naming variable and value", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const res = await runCli(["validate", file, "--env"], { env: { VICTOR_FEATURE_LAZY_LOADING_ENABLED: "maybe", VICTOR_FEATURE_LAZY_LOADNG_ENABLED: "true" } });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('error   env: VICTOR_FEATURE_LAZY_LOADING_ENABLED="maybe" is not a boolean');
    expect(res.stdout).toContain('warning env: VICTOR_FEATURE_LAZY_LOADNG_ENABLED="true" overrides "lazy_loadng_enabled", which the config does not declare (did you mean "lazy_loading_enabled"?)');
    expect((await runCli(["validate", file, "--env"], { env: { VICTOR_FEATURE_LAZY_LOADING_ENABLED: "Yes" } })).code).toBe(0);
  });

  it("with --profile, fails on malformed YAML with its line and column", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const profile = tempFile("profiles.yaml", "feature_flags:\n  lazy_loading_enabled: true\n   parallel_execution_enabled: false\n");
    const res = await runCli(["validate", file, "--profile", profile]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`error   ${profile}:2:25: invalid YAML: `);
    const values = tempFile("profiles.yaml", "feature_flags:\n  lazy_loading_enabled: sometimes\n");
    const res2 = await runCli(["validate", file, "--profile", values]);
    expect(res2.code).toBe(1);
    expect(res2.stdout).toContain(`${values}:2:25: feature_flags.lazy_loading_enabled: must be true or false, got "sometimes"`);
  });

  it("prints JSON with --json", async () => {
    const file = tempFile("flags.json", { version: 1, flags: { a: { default: 1 } } });
    const res = await runCli(["validate", file, "--json"]);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toEqual({
      file,
      valid: false,
      errors: [{ file, path: "flags.a.default", message: "must be a boolean, got number 1", line: expect.any(Number), column: expect.any(Number) }],
      warnings: [],
    });
  });
});

// A fault inside one flagd flag's rules is a warning (that flag answers its fallback, the rest
// loads); --strict makes CI fail on it.
describe("victor-flags validate --strict", { timeout: 60_000 }, () => {
  const rules = [
    "{",
    '  "flags": {',
    '    "promo": { "state": "ENABLED", "variants": { "on": true, "off": false }, "defaultVariant": "off",',
    '      "targeting": { "if": [{ "$ref": "vip" }, "on", null] } },',
    '    "limits.api": { "state": "ENABLED", "variants": { "a": 1 }, "defaultVariant": "a", "targeting": { "if": [{ "sem_ver": [{ "var": "v" }, "=~", "1.0.0"] }, "a", null] } },',
    '    "ok-flag": { "state": "ENABLED", "variants": { "on": true }, "defaultVariant": "on" }',
    "  }",
    "}",
    "",
  ].join("\n");

  it("prints rule faults as warnings with their paths and positions, and exits 0 without --strict", async () => {
    const file = tempFile("flags.json", rules);
    const res = await runCli(["validate", file]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`${file}: valid (3 flags), 2 warnings`);
    expect(res.stdout).toContain(`warning ${file}:4:31: flags.promo.targeting.if[0].$ref: $ref to unknown evaluator "vip" (flag "promo" answers ERROR)`);
    // a dotted key is located by its quoted path segment
    expect(res.stdout).toMatch(/warning .*:5:\d{3}: flags\["limits\.api"\]\.targeting\.if\[0\]\.sem_ver\[1\]: sem_ver operator "=~"/);
  });

  it("with --strict, the same warnings exit 1 and say why", async () => {
    const file = tempFile("flags.json", rules);
    const res = await runCli(["validate", file, "--strict"]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`${file}: valid (3 flags), 2 warnings (--strict: warnings fail)`);
    expect(res.stdout).toContain("flags.promo.targeting.if[0].$ref: $ref to unknown evaluator");
    const json = await runCli(["validate", file, "--strict", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, strict: true, passed: false, errors: [], warnings: [{ path: "flags.promo.targeting.if[0].$ref" }, { path: 'flags["limits.api"].targeting.if[0].sem_ver[1]' }] });
  });

  it("with --strict, a document without warnings (the catalogue, the example's flagd document) exits 0, and errors still exit 1", async () => {
    expect((await runCli(["validate", tempFile("flags.json", loadCatalogue()), "--strict"])).code).toBe(0);
    const example = await runCli(["validate", fileURLToPath(new URL("../../examples/targeting-flags.json", import.meta.url)), "--strict"]);
    expect(example.stdout).toMatch(/targeting-flags\.json: valid \(2 flags\)$/m);
    expect(example.code).toBe(0);
    const bad = await runCli(["validate", tempFile("flags.json", { flags: { x: { state: "ON", variants: { a: 1 } } } }), "--strict"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("flags.x.state");
  });
});
