import { describe, expect, it } from "vitest";
import { ConfigError, FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import { buildFlagMatrix, FlagMatrixError, toGithubMatrix } from "@victor-flags/node";
import { loadCatalogue } from "../fixtures/catalogue";

const config: FlagConfig = {
  version: 1,
  flags: {
    skills: { default: false },
    self_improvement: { default: false, dependencies: ["skills"] },
    meta: { default: false, dependencies: ["self_improvement"] },
    vision: { default: true },
  },
};

/** What the app would see with the combination's env applied: every pinned flag effectively as pinned. */
function effective(c: { env: Record<string, string> }): Record<string, boolean> {
  return new FeatureFlagManager({ config, env: c.env, logger: { warn() {}, error() {} } }).getAllFlags();
}

describe("buildFlagMatrix", () => {
  it("standard mode: all off, each flag alone with its dependencies on, all on", () => {
    const m = buildFlagMatrix(config);
    expect(m.mode).toBe("standard");
    expect(m.combinations.map((c) => c.name)).toEqual(["all_off", "skills_only", "self_improvement_only", "meta_only", "vision_only", "all_on"]);
    expect(m.combinations.find((c) => c.name === "meta_only")!.flags).toEqual({ skills: true, self_improvement: true, meta: true, vision: false });
    expect(m.combinations[0]!.env).toEqual({
      VICTOR_FEATURE_SKILLS: "false",
      VICTOR_FEATURE_SELF_IMPROVEMENT: "false",
      VICTOR_FEATURE_META: "false",
      VICTOR_FEATURE_VISION: "false",
    });
    // Every combination is real: the app sees exactly the values the combination pins.
    for (const c of m.combinations) expect(effective(c)).toEqual(c.flags);
    expect(m.skipped).toEqual([]);
  });

  it("product mode: every combination of the chosen flags, skipping ones that break a dependency", () => {
    const m = buildFlagMatrix(config, { flags: ["skills", "self_improvement"] });
    expect(m.mode).toBe("product");
    expect(m.combinations.map((c) => [c.name, c.flags])).toEqual([
      ["all_off", { skills: false, self_improvement: false }],
      ["skills", { skills: true, self_improvement: false }],
      ["skills+self_improvement", { skills: true, self_improvement: true }],
    ]);
    expect(m.skipped).toEqual([{ name: "self_improvement", flags: { skills: false, self_improvement: true }, reason: "self_improvement needs skills, which is off" }]);
  });

  it("product mode turns on dependencies that were not chosen, so no combination is wasted", () => {
    const m = buildFlagMatrix(config, { flags: ["meta", "vision"] });
    const metaOn = m.combinations.find((c) => c.name === "meta")!;
    expect(metaOn.flags).toEqual({ meta: true, vision: false, skills: true, self_improvement: true });
    for (const c of m.combinations) expect(effective(c)).toMatchObject(c.flags);
    expect(m.combinations).toHaveLength(4);
  });

  it("drops duplicate combinations (one flag: all_on is the same as <flag>_only)", () => {
    const m = buildFlagMatrix({ version: 1, flags: { only: { default: false } } });
    expect(m.combinations.map((c) => c.name)).toEqual(["all_off", "only_only"]);
  });

  it("covers the catalogue's dependency (self_improvement needs dynamic_skills)", () => {
    const m = buildFlagMatrix(loadCatalogue(), { flags: ["dynamic_skills_enabled", "self_improvement_enabled"] });
    expect(m.combinations).toHaveLength(3);
    expect(m.skipped.map((s) => s.name)).toEqual(["self_improvement_enabled"]);
  });

  it("rejects unknown flags, too many combinations and invalid configs", () => {
    expect(() => buildFlagMatrix(config, { flags: ["skils"] })).toThrow(FlagMatrixError);
    expect(() => buildFlagMatrix(config, { flags: ["skils"] })).toThrow('unknown flag "skils" (did you mean "skills"?)');
    const many: FlagConfig = { version: 1, flags: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, { default: false }])) };
    expect(() => buildFlagMatrix(many, { flags: Object.keys(many.flags) })).toThrow("the product of 9 flags gives 512 combinations, more than the limit of 256");
    expect(() => buildFlagMatrix({ version: 1, flags: { a: { default: false, dependencies: ["a"] } } })).toThrow(ConfigError);
  });
});

describe("toGithubMatrix", () => {
  it("gives strategy.matrix an include list with names and exportable env lines", () => {
    const gh = toGithubMatrix(buildFlagMatrix(config, { flags: ["skills", "vision"] }));
    expect(gh.include[0]).toEqual({ name: "all_off", env: "VICTOR_FEATURE_SKILLS=false VICTOR_FEATURE_VISION=false" });
    expect(gh.include).toHaveLength(4);
  });
});
