// Forcing a variant compiles only the experiment it names: a document's other experiments are not
// read, and the variant name is still checked with the same message.
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, InvalidArgumentError, createMemoryStorage, type FlagConfig } from "@victor-flags/core";

/** A config whose `experiments` object counts how often each definition is read. */
function countingConfig(count: number) {
  const reads = new Map<string, number>();
  const defs: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) defs[`e${i}`] = { variants: ["control", "treatment"], weights: [0.5, 0.5] };
  const experiments = new Proxy(defs, {
    get(target, key, receiver) {
      if (typeof key === "string" && key in target) reads.set(key, (reads.get(key) ?? 0) + 1);
      return Reflect.get(target, key, receiver);
    },
  });
  const config = { version: 1, flags: {}, experiments } as unknown as FlagConfig;
  return { config, reads };
}

afterEach(() => vi.unstubAllEnvs());

describe("setVariant", () => {
  function setup() {
    vi.stubEnv("NODE_ENV", "production");
    const doc = countingConfig(500);
    const manager = new FeatureFlagManager({ config: doc.config, context: { userId: "u1" }, storage: createMemoryStorage() });
    doc.reads.clear(); // the constructor validates the whole document
    return { manager, reads: doc.reads };
  }

  it("reads only the experiment it forces", () => {
    const { manager, reads } = setup();
    manager.setVariant("e250", "treatment");
    expect(manager.getVariant("e250")).toBe("treatment");
    expect([...reads.keys()]).toEqual(["e250"]);
  });

  it("still rejects a variant the experiment does not have, with the same message, and changes nothing", () => {
    const { manager, reads } = setup();
    const before = manager.getVariant("e7");
    expect(() => manager.setVariant("e7", "treatment_z")).toThrow(InvalidArgumentError);
    expect(() => manager.setVariant("e7", "treatment_z")).toThrow('experiment "e7" has no variant "treatment_z" (variants: control, treatment)');
    expect(() => manager.setVariant("nope", "control")).toThrow('unknown experiment "nope"');
    expect(() => manager.setVariant("__proto__", "control")).toThrow(InvalidArgumentError);
    expect(manager.getVariant("e7")).toBe(before);
    expect(manager.getAuditLog()).toEqual([]);
    expect([...reads.keys()]).toEqual(["e7"]);
  });
});

describe("forced variants across a config reload", () => {
  it("keep those the new document still has and forget the others, by their own definitions", () => {
    const experiments = { kept: { variants: ["a", "b"], weights: [0.5, 0.5] }, narrowed: { variants: ["a", "b"], weights: [0.5, 0.5] }, removed: { variants: ["a", "b"], weights: [0.5, 0.5] } };
    const manager = new FeatureFlagManager({ config: { version: 1, flags: {}, experiments }, context: { userId: "u1" }, storage: createMemoryStorage() });
    for (const name of ["kept", "narrowed", "removed"]) manager.setVariant(name, "b");
    manager.loadConfig({ version: 1, flags: {}, experiments: { kept: experiments.kept, narrowed: { variants: ["a", "c"], weights: [0.5, 0.5] } } });
    expect(manager.explainVariant("kept")).toMatchObject({ source: "runtime", variant: "b" });
    expect(manager.explainVariant("narrowed").source).not.toBe("runtime");
    expect(["a", "c"]).toContain(manager.getVariant("narrowed"));
    expect(manager.getVariant("removed")).toBeUndefined();
    // Forgotten for good: the experiment coming back does not bring the forced variant back.
    manager.loadConfig({ version: 1, flags: {}, experiments });
    expect(manager.explainVariant("narrowed").source).not.toBe("runtime");
    expect(manager.explainVariant("removed").source).not.toBe("runtime");
    expect(manager.explainVariant("kept")).toMatchObject({ source: "runtime", variant: "b" });
  });
});
