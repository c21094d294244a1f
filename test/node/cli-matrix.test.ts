import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../fixtures/catalogue";
import { runCli } from "./helpers/run-cli";
import { tempFile } from "./helpers/temp-files";

interface MatrixJson {
  mode: string;
  flags: string[];
  combinations: Array<{ name: string; flags: Record<string, boolean>; env: Record<string, string> }>;
  skipped: Array<{ name: string; reason: string }>;
}

// Each test starts the CLI as a child process; on a busy machine that takes a while.
describe("victor-flags matrix", { timeout: 60_000 }, () => {
  it("prints all off, each flag alone (with its dependencies) and all on as JSON", async () => {
    const res = await runCli(["matrix", tempFile("flags.json", loadCatalogue())]);
    expect(res.code).toBe(0);
    const m = JSON.parse(res.stdout) as MatrixJson;
    expect(m.combinations).toHaveLength(11);
    expect(m.combinations[0]!.name).toBe("all_off");
    expect(m.combinations.at(-1)!.name).toBe("all_on");
    const selfImprovement = m.combinations.find((c) => c.name === "self_improvement_enabled_only")!;
    expect(selfImprovement.env).toMatchObject({ VICTOR_FEATURE_SELF_IMPROVEMENT_ENABLED: "true", VICTOR_FEATURE_DYNAMIC_SKILLS_ENABLED: "true", VICTOR_FEATURE_LAZY_LOADING_ENABLED: "false" });
  });

  it("gives the product of chosen flags, reporting the combinations a dependency rules out", async () => {
    const res = await runCli(["matrix", tempFile("flags.json", loadCatalogue()), "--flags", "dynamic_skills_enabled,self_improvement_enabled"]);
    const m = JSON.parse(res.stdout) as MatrixJson;
    expect(m.combinations.map((c) => c.name)).toEqual(["all_off", "dynamic_skills_enabled", "dynamic_skills_enabled+self_improvement_enabled"]);
    expect(m.skipped).toEqual([expect.objectContaining({ name: "self_improvement_enabled", reason: "self_improvement_enabled needs dynamic_skills_enabled, which is off" })]);
  });

  it("writes one $GITHUB_OUTPUT line for strategy.matrix with --format github, skips on stderr", async () => {
    const res = await runCli(["matrix", tempFile("flags.json", loadCatalogue()), "--flags", "dynamic_skills_enabled,self_improvement_enabled", "--format", "github"]);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^matrix=\{/);
    const matrix = JSON.parse(lines[0]!.slice("matrix=".length)) as { include: Array<{ name: string; env: string }> };
    expect(matrix.include[0]).toEqual({ name: "all_off", env: "VICTOR_FEATURE_DYNAMIC_SKILLS_ENABLED=false VICTOR_FEATURE_SELF_IMPROVEMENT_ENABLED=false" });
    expect(matrix.include).toHaveLength(3);
    expect(res.stderr).toContain("skipped self_improvement_enabled: self_improvement_enabled needs dynamic_skills_enabled, which is off");
  });

  it("exits 1 for an unknown flag or an invalid config", async () => {
    const [unknown, cyclic] = await Promise.all([
      runCli(["matrix", tempFile("flags.json", loadCatalogue()), "--flags", "dynamic_skill_enabled"]),
      runCli(["matrix", tempFile("flags.json", { version: 1, flags: { a: { default: false, dependencies: ["a"] } } })]),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown flag "dynamic_skill_enabled" (did you mean "dynamic_skills_enabled"?)');
    expect(cyclic.code).toBe(1);
    expect(cyclic.stderr).toContain("flags.a.dependencies[0]: flag cannot depend on itself");
  });
});
