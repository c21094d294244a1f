import { describe, expect, it } from "vitest";
import { ConfigError, FeatureFlagManager, validateConfig, createMemoryStorage, formatProblem } from "@victor-flags/core";
import { loadCatalogue } from "../fixtures/catalogue.js";

const messages = (doc: unknown) => validateConfig(doc).errors.map(formatProblem);

describe("validateConfig", () => {
  it("accepts the Victor catalogue with no errors or warnings", () => {
    expect(validateConfig(loadCatalogue())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("accepts the minimal document: version and flags, a flag with only default", () => {
    expect(validateConfig({ version: 1, flags: { a: { default: true } } }).valid).toBe(true);
  });

  it("names an unknown dependency with its path", () => {
    const doc = {
      version: 1,
      flags: { dynamic_skills_enabled: { default: false }, self_improvement_enabled: { default: false, dependencies: ["dynamic_skill_enabled"] } },
    };
    expect(messages(doc)).toEqual(['flags.self_improvement_enabled.dependencies[0]: unknown flag "dynamic_skill_enabled"']);
  });

  it("reports every problem at once", () => {
    const doc = {
      version: 2,
      flags: {
        a: { default: "yes", rolloutStrategy: "sometimes", since: "v1", stable: 1, metadata: [], rollout: { percentage: 101 } },
        b: { dependencies: "a" },
        c: "on",
      },
      experiments: { e: { variants: ["x", "y"], weights: [0.5, 0.6] } },
      feature_flags: { a: "true" },
    };
    expect(messages(doc)).toEqual([
      "version: must be 1, got number 2",
      'flags.a.default: must be a boolean, got "yes"',
      'flags.a.rolloutStrategy: must be one of "immediate", "gradual", "ab_test", got "sometimes"',
      'flags.a.since: must be a semver string such as "1.0.0", got "v1"',
      "flags.a.stable: must be a boolean, got number 1",
      "flags.a.metadata: must be an object, got an empty array",
      "flags.a.rollout.percentage: must be a number from 0 to 100, got number 101",
      "flags.b.default: is required (true or false)",
      'flags.b.dependencies: must be an array of flag names, got "a"',
      'flags.c: must be an object, got "on"',
      "experiments.e.weights: must sum to 1 (±1e-9), got 1.1",
      'feature_flags.a: must be a boolean, got "true"',
    ]);
  });

  it("rejects a document that is not an object, and missing required keys", () => {
    expect(messages(null)).toEqual(["config must be an object, got null"]);
    expect(messages([])).toEqual(["config must be an object, got an empty array"]);
    expect(messages({})).toEqual(["version: is required (use 1)", "flags: is required (an object of flag definitions)"]);
  });

  it("names the members of a dependency cycle", () => {
    const doc = { version: 1, flags: { a: { default: false, dependencies: ["b"] }, b: { default: false, dependencies: ["c"] }, c: { default: false, dependencies: ["a"] } } };
    expect(messages(doc)).toEqual(["flags.a.dependencies: dependency cycle: a -> b -> c -> a"]);
  });

  it("rejects self-dependencies and duplicates", () => {
    const doc = { version: 1, flags: { a: { default: false, dependencies: ["a"] }, b: { default: false, dependencies: ["a", "a"] } } };
    expect(messages(doc)).toEqual(["flags.a.dependencies[0]: flag cannot depend on itself", 'flags.b.dependencies[1]: duplicate dependency "a"']);
  });

  it("checks percentages: negative, non-numeric, NaN, bad salt", () => {
    const doc = {
      version: 1,
      flags: {
        a: { default: false, rollout: { percentage: -1 } },
        b: { default: false, rollout: { percentage: "50" } },
        c: { default: false, rollout: { percentage: Number.NaN } },
        d: { default: false, rollout: { percentage: 10, salt: "" } },
        e: { default: false, rollout: 10 },
      },
    };
    expect(messages(doc)).toEqual([
      "flags.a.rollout.percentage: must be a number from 0 to 100, got number -1",
      'flags.b.rollout.percentage: must be a number from 0 to 100, got "50"',
      "flags.c.rollout.percentage: must be a number from 0 to 100, got number NaN",
      'flags.d.rollout.salt: must be a non-empty string, got ""',
      'flags.e.rollout: must be an object like { "percentage": 10 }, got number 10',
    ]);
  });

  it("checks experiment weights against variants", () => {
    const exp = (variants: unknown, weights: unknown) => messages({ version: 1, flags: {}, experiments: { e: { variants, weights } } });
    expect(exp(["a", "b"], [1])).toEqual(["experiments.e.weights: has 1 weights for 2 variants"]);
    expect(exp(["a", "b"], [1.5, -0.5])).toEqual(["experiments.e.weights[1]: must be >= 0, got -0.5"]);
    expect(exp(["a", "b"], [0.5, 0.4999])).toEqual(["experiments.e.weights: must sum to 1 (±1e-9), got 0.9999"]);
    expect(exp([], [])).toEqual(["experiments.e.variants: must be a non-empty array of variant names, got an empty array", "experiments.e.weights: must sum to 1 (±1e-9), got 0"]);
    expect(exp(["a", "a"], [0.5, 0.5])).toEqual(['experiments.e.variants[1]: duplicate variant "a"']);
    expect(exp(["a", "b"], [0.5, "0.5"])).toEqual(['experiments.e.weights[1]: must be a finite number, got "0.5"']);
    // within the 1e-9 tolerance
    expect(exp(["a", "b", "c"], [0.1, 0.2, 0.7 + 1e-10])).toEqual([]);
  });

  it("reports unknown keys as warnings, not errors", () => {
    const result = validateConfig({ version: 1, flags: { a: { default: true, owner: "me" } }, extra: true, feature_flags: { ghost: true } });
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'extra: unknown top-level key "extra" is ignored',
      'flags.a.owner: unknown key "owner" is ignored',
      'feature_flags.ghost: value for undeclared flag "ghost" is ignored',
    ]);
  });

  it("rejects __proto__, constructor and prototype as names anywhere", () => {
    const doc = JSON.parse(
      '{"version":1,"flags":{"__proto__":{"default":true},"constructor":{"default":true},"prototype":{"default":true}},' +
        '"experiments":{"__proto__":{"variants":["a"],"weights":[1]}},"feature_flags":{"__proto__":true}}',
    ) as unknown;
    expect(messages(doc)).toEqual([
      'flags.__proto__: reserved name "__proto__" is not allowed as a flag name',
      'flags.constructor: reserved name "constructor" is not allowed as a flag name',
      'flags.prototype: reserved name "prototype" is not allowed as a flag name',
      'experiments.__proto__: reserved name "__proto__" is not allowed as an experiment name',
      'feature_flags.__proto__: reserved name "__proto__" is not allowed',
    ]);
    expect(({} as Record<string, unknown>).default).toBeUndefined();
  });

  it("requires snake_case flag names", () => {
    expect(messages({ version: 1, flags: { "New-Feature": { default: true } } })).toEqual([
      'flags.New-Feature: flag name must be snake_case (a-z, 0-9, _; starting with a letter), got "New-Feature"',
    ]);
  });
});

describe("the manager and invalid documents", () => {
  it("throws a ConfigError listing every problem", () => {
    const doc = { version: 1, flags: { a: { default: false, dependencies: ["nope"] }, b: { default: 1 } } };
    let error: unknown;
    try {
      new FeatureFlagManager({ config: doc as never, storage: createMemoryStorage() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(Error);
    const configError = error as ConfigError;
    expect(configError.code).toBe("CONFIG_INVALID");
    expect(configError.errors).toEqual([
      { path: "flags.a.dependencies[0]", message: 'unknown flag "nope"' },
      { path: "flags.b.default", message: "must be a boolean, got number 1" },
    ]);
    expect(configError.message).toBe(
      'Invalid flag config (2 problems):\n  - flags.a.dependencies[0]: unknown flag "nope"\n  - flags.b.default: must be a boolean, got number 1',
    );
  });

  it("keeps the last good config when loadConfig gets a bad one", () => {
    const manager = new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage() });
    const before = manager.getAllFlags();
    const version = manager.getSnapshot().version;
    expect(() => manager.loadConfig({ version: 1, flags: { lazy_loading_enabled: { default: "no" } } })).toThrow(ConfigError);
    expect(manager.getAllFlags()).toEqual(before);
    expect(manager.getSnapshot().version).toBe(version);
    expect(manager.getFlagMetadata("parallel_execution_enabled")?.description).toBe("Enable parallel tool and workflow execution");
  });
});
