import { describe, expect, it } from "vitest";
import { ConfigError, FeatureFlagManager, createMemoryStorage, validateConfig } from "@victor-flags/core";
import { findCycles, topologicalOrder } from "@victor-flags/core/dependency-graph.js";
import { MAX_CONFIG_DEPTH, MAX_EXPERIMENTS, MAX_FLAGS, MAX_NAME_LENGTH, MAX_NESTED_VALUES, MAX_REPORTED_CYCLES } from "@victor-flags/core";
import { isValidConfig } from "@victor-flags/core/validate-config.js";

const withMetadata = (metadata: unknown) => ({ version: 1, flags: { a: { default: true, metadata } } });
/** `{"x":{"x":...1}}`, `levels` objects deep, parsed from JSON as a network body would be. */
const nested = (levels: number): unknown => JSON.parse(`${'{"x":'.repeat(levels)}1${"}".repeat(levels)}`);
const errorsOf = (doc: unknown) => validateConfig(doc).errors;

describe("nesting depth", () => {
  it("rejects metadata nested 5 000 deep with a ConfigError naming the path, never a RangeError", () => {
    const doc = withMetadata(nested(5000));
    const deepest = `flags.a.metadata${".x".repeat(MAX_CONFIG_DEPTH - 3)}`; // the metadata object sits at depth 4
    expect(errorsOf(doc)).toEqual([{ path: deepest, message: `nests objects and arrays more than ${MAX_CONFIG_DEPTH} levels deep (the limit of a config document)` }]);
    expect(isValidConfig(doc)).toBe(false);
    expect(() => new FeatureFlagManager({ config: doc as never, storage: createMemoryStorage() })).toThrow(ConfigError);
  });

  it("accepts a document exactly at the limit and rejects one level more", () => {
    // the outermost of `levels` nested objects is the metadata object (depth 4): the deepest is at 3 + levels
    expect(validateConfig(withMetadata(nested(MAX_CONFIG_DEPTH - 3))).valid).toBe(true);
    expect(validateConfig(withMetadata(nested(MAX_CONFIG_DEPTH - 2))).valid).toBe(false);
    const arrays = JSON.parse(`${"[".repeat(MAX_CONFIG_DEPTH - 3)}${"]".repeat(MAX_CONFIG_DEPTH - 3)}`) as unknown;
    expect(errorsOf(withMetadata({ list: arrays })).map((e) => e.path)).toEqual([`flags.a.metadata.list${"[0]".repeat(MAX_CONFIG_DEPTH - 4)}`]);
  });

  it("checks values under ignored keys too (they reach the same cloning code)", () => {
    const doc = { version: 1, flags: { a: { default: true, owner: nested(100) } }, extra: nested(100) };
    expect(errorsOf(doc).map((e) => e.path)).toEqual([`extra${".x".repeat(MAX_CONFIG_DEPTH - 1)}`, `flags.a.owner${".x".repeat(MAX_CONFIG_DEPTH - 3)}`]);
  });

  it("ends on a circular or widely shared static metadata object instead of hanging", () => {
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = loop;
    expect(errorsOf(withMetadata(loop))[0]!.message).toContain(`more than ${MAX_CONFIG_DEPTH} levels deep`);
    // 60 levels that each reference the next twice: 2^60 paths, which a recursive copy would follow
    let shared: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 60; i++) shared = { left: shared, right: shared };
    expect(errorsOf(withMetadata(shared))).toEqual([
      { path: "flags.a.metadata", message: `holds more than ${MAX_NESTED_VALUES} objects and arrays (the limit of one metadata or ignored value)` },
    ]);
    // the same object under two flags is fine: each copy is small
    const common = { owner: "team" };
    expect(validateConfig({ version: 1, flags: { a: { default: true, metadata: common }, b: { default: true, metadata: common } } }).valid).toBe(true);
  });

  it("accepts MAX_NESTED_VALUES objects in one metadata value and refuses one more", () => {
    const list = (count: number) => Array.from({ length: count - 2 }, () => ({})); // + the metadata object and the array
    expect(validateConfig(withMetadata({ list: list(MAX_NESTED_VALUES) })).valid).toBe(true);
    expect(errorsOf(withMetadata({ list: list(MAX_NESTED_VALUES + 1) })).map((e) => e.path)).toEqual(["flags.a.metadata"]);
  });
});

describe("reserved keys anywhere", () => {
  const hostile = JSON.parse(
    '{"version":1,"flags":{"a":{"default":true,"metadata":{"__proto__":{"isAdmin":true},"list":[{"constructor":{"prototype":1}}],"ok":{"prototype":2}}}}}',
  ) as unknown;

  it("rejects __proto__, constructor and prototype inside metadata, at any depth", () => {
    expect(errorsOf(hostile)).toEqual([
      { path: "flags.a.metadata.__proto__", message: 'reserved name "__proto__" is not allowed' },
      { path: "flags.a.metadata.list[0].constructor", message: 'reserved name "constructor" is not allowed' },
      { path: "flags.a.metadata.ok.prototype", message: 'reserved name "prototype" is not allowed' },
    ]);
    expect(isValidConfig(hostile)).toBe(false);
  });

  it("rejects them as keys of flags, rollouts, experiments and ignored values", () => {
    const doc = JSON.parse(
      '{"version":1,"flags":{"a":{"default":true,"__proto__":{},"rollout":{"percentage":1,"constructor":1},"extra":{"__proto__":1}}},' +
        '"experiments":{"e":{"variants":["x"],"weights":[1],"prototype":{}}}}',
    ) as unknown;
    expect(errorsOf(doc).map((e) => e.path)).toEqual(["flags.a.__proto__", "flags.a.extra.__proto__", "flags.a.rollout.constructor", "experiments.e.prototype"]);
  });

  it("lets no validated document swap a prototype through Object.assign of its metadata", () => {
    const manager = new FeatureFlagManager({ config: withMetadata({ owner: "team" }) as never, storage: createMemoryStorage() });
    expect(() => manager.loadConfig(hostile as never)).toThrow(ConfigError);
    const copy = Object.assign({}, manager.getFlagMetadata("a")!.metadata) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.isAdmin).toBeUndefined();
    expect(copy).toEqual({ owner: "team" });
  });
});

describe("counts and lengths", () => {
  const flagsOf = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, { default: false }]));

  it("rejects more than MAX_FLAGS flags or feature_flags entries, naming the count", () => {
    const flags = flagsOf(MAX_FLAGS + 1);
    expect(errorsOf({ version: 1, flags })).toEqual([{ path: "flags", message: `has ${MAX_FLAGS + 1} entries; at most ${MAX_FLAGS} are allowed` }]);
    const values = Object.fromEntries(Object.keys(flags).map((name) => [name, true]));
    expect(errorsOf({ version: 1, flags: {}, feature_flags: values }).map((e) => e.path)).toEqual(["feature_flags"]);
  }, 30_000);

  it("rejects more than MAX_EXPERIMENTS experiments", () => {
    const experiments = Object.fromEntries(Array.from({ length: MAX_EXPERIMENTS + 1 }, (_, i) => [`e${i}`, { variants: ["a"], weights: [1] }]));
    expect(errorsOf({ version: 1, flags: {}, experiments })).toEqual([
      { path: "experiments", message: `has ${MAX_EXPERIMENTS + 1} entries; at most ${MAX_EXPERIMENTS} are allowed` },
    ]);
  });

  it("rejects flag, experiment and variant names longer than MAX_NAME_LENGTH", () => {
    const long = "a".repeat(MAX_NAME_LENGTH + 1);
    const ok = "a".repeat(MAX_NAME_LENGTH);
    const doc = { version: 1, flags: { [long]: { default: true }, [ok]: { default: true } }, experiments: { [long]: { variants: [long, "b"], weights: [0.5, 0.5] } } };
    const message = `name is ${MAX_NAME_LENGTH + 1} characters long; at most ${MAX_NAME_LENGTH} are allowed`;
    expect(errorsOf(doc)).toEqual([
      { path: `flags.${long}`, message },
      { path: `experiments.${long}`, message },
      { path: `experiments.${long}.variants[0]`, message },
    ]);
  });
});

describe("long dependency chains", () => {
  const chain = (count: number, closing = false) => {
    const flags: Record<string, { default: boolean; dependencies?: string[] }> = {};
    for (let i = 0; i < count; i++) flags[`f${i}`] = i === 0 ? (closing ? { default: true, dependencies: [`f${count - 1}`] } : { default: true }) : { default: true, dependencies: [`f${i - 1}`] };
    return { version: 1, flags };
  };

  it("validates a 10 000-flag chain without a RangeError", { timeout: 30_000 }, () => {
    expect(validateConfig(chain(10_000)).valid).toBe(true);
    expect(isValidConfig(chain(10_000))).toBe(true);
    expect(() => new FeatureFlagManager({ config: chain(10_000) as never, storage: createMemoryStorage() })).not.toThrow();
  });

  it("evaluates a 10 000-flag chain without recursion: isEnabled, explain and per-request evaluate answer", { timeout: 30_000 }, () => {
    const manager = new FeatureFlagManager({ config: chain(10_000) as never, storage: createMemoryStorage() });
    // The last flag's gate walks the whole chain; a recursive evaluator overflowed the stack here.
    expect(manager.evaluate("f9999", { userId: "u1" })).toMatchObject({ value: true, source: "default" });
    expect(manager.explain("f9999").value).toBe(true);
    expect(manager.isEnabled("f9999")).toBe(true);
    manager.setFlag("f0", false);
    expect(manager.evaluate("f9999", { userId: "u2" })).toMatchObject({ value: false, source: "dependency", dependency: "f9998" });
    expect(manager.isEnabled("f9999")).toBe(false);
  });

  it("names every member of a cycle that runs through 10 000 flags", () => {
    const errors = errorsOf(chain(10_000, true));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe("flags.f0.dependencies");
    expect(errors[0]!.message.split(" -> ")).toHaveLength(10_001);
  });

  it("reports at most MAX_REPORTED_CYCLES cycles", () => {
    // every flag also depends on the last one: one cycle per flag
    const doc = chain(200);
    for (let i = 0; i < 199; i++) doc.flags[`f${i}`]!.dependencies = [...(doc.flags[`f${i}`]!.dependencies ?? []), "f199"];
    expect(errorsOf(doc).filter((e) => e.message.startsWith("dependency cycle"))).toHaveLength(MAX_REPORTED_CYCLES);
  });

  it("orders a 50 000-flag chain dependencies first, and finds its cycle, without recursion", () => {
    const deps: Record<string, string[]> = {};
    for (let i = 0; i < 50_000; i++) deps[`f${i}`] = i === 0 ? [] : [`f${i - 1}`];
    const order = topologicalOrder(deps);
    expect(order).toHaveLength(50_000);
    expect(order[0]).toBe("f0");
    expect(order[49_999]).toBe("f49999");
    expect(findCycles(deps)).toEqual([]);
    deps.f0 = ["f49999"];
    expect(findCycles(deps)[0]).toHaveLength(50_001);
  }, 30_000);

  it("puts each flag after its dependencies in any graph", () => {
    const deps = { a: ["b", "c"], b: ["d"], c: ["d", "b"], d: [], e: ["a", "ghost"] };
    const order = topologicalOrder(deps);
    expect(order).toEqual(["d", "b", "c", "a", "e"]);
  });
});
