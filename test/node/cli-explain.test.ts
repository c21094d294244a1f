import { describe, expect, it } from "vitest";
import { createMemoryStorage, FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import { loadCatalogue } from "../fixtures/catalogue";
import { runCli } from "./helpers/run-cli";
import { tempFile } from "./helpers/temp-files";

const STACK = /\n\s+at /;

// Each test starts the CLI as a child process; on a busy machine that takes a while.
describe("victor-flags explain", { timeout: 60_000 }, () => {
  it("answers 'why is this flag off?' when a dependency is off, down to the cause", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const res = await runCli(["explain", file, "self_improvement_enabled", "--env"], { env: { VICTOR_FEATURE_SELF_IMPROVEMENT_ENABLED: "true" } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("self_improvement_enabled: OFF");
    expect(res.stdout).toContain("source:  dependency (dynamic_skills_enabled is off)");
    expect(res.stdout).toContain("self_improvement_enabled needs dynamic_skills_enabled, which is off: definition default is off");
    expect(res.stdout).toMatch(/env\s+on\s+VICTOR_FEATURE_SELF_IMPROVEMENT_ENABLED=true/);
  });

  it("names the environment variable when an env override decides", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const res = await runCli(["explain", file, "lazy_loading_enabled", "--env", "--json"], { env: { VICTOR_FEATURE_LAZY_LOADING_ENABLED: "off" } });
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { value: boolean; source: string; reason: string };
    expect(out).toMatchObject({ value: false, source: "env" });
    expect(out.reason).toContain("VICTOR_FEATURE_LAZY_LOADING_ENABLED");
  });

  it("ignores the environment unless --env is given", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const res = await runCli(["explain", file, "lazy_loading_enabled", "--json"], { env: { VICTOR_FEATURE_LAZY_LOADING_ENABLED: "off" } });
    expect(JSON.parse(res.stdout)).toMatchObject({ source: "default" });
  });

  it("explains a rollout for a user exactly as the SDK evaluates it", async () => {
    const config = loadCatalogue();
    const file = tempFile("flags.json", config);
    const users = ["u-1", "u-2", "u-3", "alice", "bob"];
    const results = await Promise.all(users.map((u) => runCli(["explain", file, "enhanced_memory_enabled", "--user", u, "--json"])));
    for (const [i, user] of users.entries()) {
      const expected = new FeatureFlagManager({ config, context: { userId: user }, storage: createMemoryStorage() }).explain("enhanced_memory_enabled");
      const out = JSON.parse(results[i]!.stdout) as { value: boolean; source: string; reason: string; subject: string; layers: { layer: string; value?: boolean }[] };
      expect(out).toMatchObject({ value: expected.value, source: "rollout", reason: expected.reason, subject: user });
      // The layer table buckets on its own (to show the position): it must agree with the SDK.
      expect(out.layers.find((l) => l.layer === "rollout")).toMatchObject({ value: expected.value });
    }
    const text = await runCli(["explain", file, "enhanced_memory_enabled", "--user", "u-1"]);
    expect(text.stdout).toMatch(/rollout\s+(on|off)\s+25%: subject "u-1" is at \d+\.\d\d%, (inside|outside)\s+<- decides/);
  });

  it("shows a profile value as the deciding layer, winning over the config's own feature_flags", async () => {
    const config: FlagConfig = { ...loadCatalogue(), feature_flags: { lazy_loading_enabled: true } };
    const file = tempFile("flags.json", config);
    const profile = tempFile("profiles.yaml", "feature_flags:\n  lazy_loading_enabled: false\n");
    const res = await runCli(["explain", file, "lazy_loading_enabled", "--profile", profile]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("lazy_loading_enabled: OFF");
    expect(res.stdout).toContain(`reason:  profile ${profile} (feature_flags) sets it off`);
    expect(res.stdout).toContain("the config's own feature_flags says on; the profile wins");
  });

  it("gives an experiment's variant for a user", async () => {
    const config: FlagConfig = { ...loadCatalogue(), experiments: { checkout: { variants: ["control", "treatment"], weights: [0.5, 0.5] } } };
    const file = tempFile("flags.json", config);
    const res = await runCli(["explain", file, "checkout", "--user", "u-7", "--json"]);
    const expected = new FeatureFlagManager({ config, context: { userId: "u-7" }, storage: createMemoryStorage() }).getVariant("checkout");
    expect(JSON.parse(res.stdout)).toMatchObject({ experiment: "checkout", variant: expected, source: "bucket" });
  });

  it("rejects an unknown flag with a suggestion (exit 1, no stack trace)", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const res = await runCli(["explain", file, "self_improvment_enabled"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error: unknown flag "self_improvment_enabled"');
    expect(res.stderr).toContain('(did you mean "self_improvement_enabled"?)');
    expect(res.stderr).not.toMatch(STACK);
  });

  it("warns about a bad env value, naming variable and value, and does not use it", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const res = await runCli(["explain", file, "lazy_loading_enabled", "--env"], { env: { VICTOR_FEATURE_LAZY_LOADING_ENABLED: "enabled" } });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('warning: VICTOR_FEATURE_LAZY_LOADING_ENABLED="enabled" is not a boolean');
    expect(res.stdout).toContain("lazy_loading_enabled: ON");
    expect(res.stdout).toContain("source:  default");
  });

  it("fails on a malformed profile with line and column, and on an invalid or missing config", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const profile = tempFile("profiles.yaml", "feature_flags:\n  a: [unclosed\n");
    const res = await runCli(["explain", file, "lazy_loading_enabled", "--profile", profile]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`${profile.replace(/[.\\/]/g, "\\$&")}:\\d+:\\d+: invalid YAML`));
    const cyclic = tempFile("flags.json", { version: 1, flags: { a: { default: true, dependencies: ["b"] }, b: { default: true, dependencies: ["a"] } } });
    const bad = await runCli(["explain", cyclic, "a"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("dependency cycle: a -> b -> a");
    const missing = await runCli(["explain", `${cyclic}.nope`, "a"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("config file not found");
    for (const r of [res, bad, missing]) expect(r.stderr).not.toMatch(STACK);
  });
});

// flagd flags: the value, variant, flagd reason and which rule branch matched, for a context.
describe("victor-flags explain --context (flagd flags)", { timeout: 60_000 }, () => {
  const doc = {
    $evaluators: { betaCountries: { in: [{ var: "country" }, ["nl", "be"]] } },
    flags: {
      "beta-tester": {
        state: "ENABLED",
        variants: { on: true, off: false },
        defaultVariant: "off",
        targeting: { if: [{ and: [{ $ref: "betaCountries" }, { sem_ver: [{ var: "appVersion" }, ">=", "2.3.0"] }] }, "on", null] },
      },
      "banner-text": { state: "ENABLED", variants: { nl: "Welkom terug!", en: "Welcome back!" }, defaultVariant: "en", targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] } },
      broken: { state: "ENABLED", variants: { on: true }, defaultVariant: "on", targeting: { $ref: "vip" } },
    },
  };

  it("prints value, variant, reason and the matched if branch", async () => {
    const file = tempFile("flags.json", doc);
    const res = await runCli(["explain", file, "beta-tester", "--context", '{"country":"nl","appVersion":"2.4.0"}', "--user", "u-1"]);
    // the document's other rule fault is reported, and this flag still explains
    expect(res.stderr).toContain('flags.broken.targeting.$ref: $ref to unknown evaluator "vip"');
    expect(res.code).toBe(0);
    expect(res.stdout.trimEnd().split("\n")).toEqual([
      "beta-tester: ON",
      "  variant: on",
      "  reason:  TARGETING_MATCH",
      "  source:  targeting",
      '  why:     flagd TARGETING_MATCH: targeting matched variant "on" (true)',
      "  subject: u-1",
      '  context: {"country":"nl","appVersion":"2.4.0","userId":"u-1"}',
      "  rule trace:",
      "    flags.beta-tester.targeting.if[1]: condition flags.beta-tester.targeting.if[0] held",
    ]);
  });

  it("another context takes the else branch; a typed flag shows its value; --json carries the trace", async () => {
    const file = tempFile("flags.json", doc);
    const [off, banner, json] = await Promise.all([
      runCli(["explain", file, "beta-tester", "-c", '{"country":"nl","appVersion":"2.2.0"}']),
      runCli(["explain", file, "banner-text", "-c", '{"country":"nl"}']),
      runCli(["explain", file, "beta-tester", "--json", "-c", '{"country":"be","appVersion":"v2.3.0","userId":"u-9"}']),
    ]);
    expect(off.stdout).toContain("beta-tester: OFF");
    expect(off.stdout).toContain("  reason:  DEFAULT");
    expect(off.stdout).toContain("flags.beta-tester.targeting.if[2]: no condition held (else)");
    expect(banner.stdout).toContain('banner-text: "Welkom terug!"');
    expect(banner.stdout).toContain("  variant: nl");
    expect(JSON.parse(json.stdout)).toMatchObject({
      name: "beta-tester",
      value: true,
      source: "targeting",
      subject: "u-9",
      flagd: { value: true, variant: "on", reason: "TARGETING_MATCH", trace: ["flags.beta-tester.targeting.if[1]: condition flags.beta-tester.targeting.if[0] held"] },
    });
  });

  it("shows a rule fault's error code and path", async () => {
    const res = await runCli(["explain", tempFile("flags.json", doc), "broken"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("broken: OFF");
    expect(res.stdout).toMatch(/reason: {2}ERROR \(PARSE_ERROR: .*vip/);
    expect(res.stdout).toMatch(/rule trace:\n {4}flags\.broken\.targeting.*vip/);
  });

  it("rejects a --context that is not a JSON object (exit 1, no stack trace)", async () => {
    const file = tempFile("flags.json", doc);
    const [bad, list] = await Promise.all([runCli(["explain", file, "beta-tester", "--context", "{country:nl}"]), runCli(["explain", file, "beta-tester", "--context", "[1]"])]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`--context must be a JSON object such as '{"country":"nl","appVersion":"2.4.0"}'`);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain("--context must be a JSON object of attributes, got [1]");
    for (const r of [bad, list]) expect(r.stderr).not.toMatch(STACK);
  });
});
