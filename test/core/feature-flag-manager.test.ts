import { describe, expect, it, vi } from "vitest";
import {
  DependencyError,
  FeatureFlagManager,
  InvalidArgumentError,
  createMemoryStorage,
  type FlagConfig,
  type FeatureFlagManagerOptions,
} from "@victor-flags/core";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue.js";

function make(options: FeatureFlagManagerOptions = {}) {
  const logger = recordingLogger();
  const manager = new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage(), logger, context: { userId: "user-1" }, ...options });
  return { manager, logger };
}

const chain: FlagConfig = {
  version: 1,
  flags: {
    a: { default: true },
    b: { default: true, dependencies: ["a"] },
    c: { default: true, dependencies: ["b"] },
    d: { default: true, dependencies: ["c"] },
    other: { default: true },
  },
};

describe("reads", () => {
  it("evaluates the catalogue: defaults, gradual rollouts for the subject, dependencies", () => {
    const { manager } = make();
    const flags = manager.getAllFlags();
    expect(Object.keys(flags).sort()).toEqual(Object.keys(loadCatalogue().flags).sort());
    expect(flags.lazy_loading_enabled).toBe(true);
    expect(flags.parallel_execution_enabled).toBe(true);
    expect(flags.self_improvement_enabled).toBe(false);
    expect(manager.explain("hierarchical_planning_enabled").source).toBe("rollout");
  });

  it("returns false for unknown names and warns once per name", () => {
    const { manager, logger } = make();
    expect(manager.isEnabled("no_such_flag")).toBe(false);
    expect(manager.isEnabled("no_such_flag")).toBe(false);
    expect(logger.warnings).toEqual(['unknown flag "no_such_flag": isEnabled returns false']);
    expect(manager.explain("no_such_flag")).toMatchObject({ value: false, known: false, source: "default" });
    expect(manager.getFlagMetadata("no_such_flag")).toBeUndefined();
  });

  it("never reaches Object.prototype through a flag name", () => {
    const { manager } = make();
    for (const name of ["toString", "valueOf", "hasOwnProperty", "__proto__", "constructor", "prototype", "__defineGetter__"]) {
      expect(manager.isEnabled(name)).toBe(false);
      expect(manager.getVariant(name)).toBeUndefined();
      expect(manager.getFlagMetadata(name)).toBeUndefined();
      expect(manager.getAllFlags()[name]).toBeUndefined();
    }
    expect(() => manager.setFlag("__proto__", true)).toThrow(InvalidArgumentError);
    expect(() => manager.setFlag("constructor", true)).toThrow('"constructor" is a reserved name');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("getFlagMetadata returns the definition with dependencies and metadata, frozen", () => {
    const { manager } = make();
    const meta = manager.getFlagMetadata("self_improvement_enabled")!;
    expect(meta).toMatchObject({
      name: "self_improvement_enabled",
      description: "Enable proficiency tracking and self-improvement loops",
      default: false,
      rolloutStrategy: "gradual",
      since: "1.0.0",
      stable: false,
      dependencies: ["dynamic_skills_enabled"],
      metadata: { windowSize: 100, decayRate: 0.95, minSamples: 5 },
      adHoc: false,
    });
    expect(Object.isFrozen(meta.metadata)).toBe(true);
    expect(() => {
      (meta.metadata as Record<string, unknown>).windowSize = 1;
    }).toThrow();
  });

  it("getAllFlags returns a copy", () => {
    const { manager } = make();
    const all = manager.getAllFlags();
    all.lazy_loading_enabled = false;
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(true);
  });
});

describe("resolution layers (SPEC §3)", () => {
  const doc: FlagConfig = {
    version: 1,
    flags: { f: { default: false, rollout: { percentage: 100 } }, g: { default: true }, h: { default: false } },
    feature_flags: { g: false },
  };

  it("orders env > runtime > config > rollout > default and explain names the layer", () => {
    const { manager } = make({ config: doc, env: { VICTOR_FEATURE_H: "on" } });
    expect(manager.explain("f")).toMatchObject({ value: true, source: "rollout" });
    expect(manager.explain("g")).toMatchObject({ value: false, source: "config" });
    expect(manager.explain("h")).toMatchObject({ value: true, source: "env", reason: "environment variable VICTOR_FEATURE_H sets it on" });

    manager.setFlag("g", true);
    expect(manager.explain("g")).toMatchObject({ value: true, source: "runtime", overrideSource: "runtime" });
    manager.setFlag("h", false);
    expect(manager.explain("h")).toMatchObject({ value: true, source: "env" });
    manager.setFlag("f", false, { source: "qa" });
    expect(manager.explain("f")).toMatchObject({ value: false, source: "runtime", overrideSource: "qa" });
    manager.resetFlag("f");
    expect(manager.explain("f").source).toBe("rollout");
    manager.resetFlag("g");
    expect(manager.explain("g")).toMatchObject({ value: false, source: "config" });
  });

  it("falls back to the definition default", () => {
    const { manager } = make({ config: { version: 1, flags: { x: { default: true }, y: { default: false } } } });
    expect(manager.explain("x")).toEqual({ name: "x", value: true, source: "default", reason: "definition default is on", known: true, layers: { default: true } });
    expect(manager.isEnabled("y")).toBe(false);
  });

  it("accepts bundler-prefixed env names, warns about bad values and undeclared names", () => {
    const { manager, logger } = make({
      config: doc,
      env: { VITE_VICTOR_FEATURE_F: "Off", NEXT_PUBLIC_VICTOR_FEATURE_G: "YES", VICTOR_FEATURE_H: "maybe", VICTOR_FEATURE_GHOST: "1" },
    });
    expect(manager.explain("f")).toMatchObject({ value: false, source: "env" });
    expect(manager.explain("g")).toMatchObject({ value: true, source: "env" });
    expect(manager.explain("h").source).toBe("default");
    expect(logger.warnings).toContain('VICTOR_FEATURE_H="maybe" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored');
    expect(logger.warnings).toContain('VICTOR_FEATURE_GHOST overrides "ghost", which the config does not declare');
  });
});

describe("dependencies", () => {
  it("follows the seed's example: self_improvement_enabled needs dynamic_skills_enabled", () => {
    const { manager } = make();
    expect(() => manager.setFlag("self_improvement_enabled", true)).toThrow(
      /^Cannot enable self_improvement_enabled: dependencies not satisfied: dynamic_skills_enabled$/,
    );
    expect(manager.isEnabled("self_improvement_enabled")).toBe(false);
    expect(manager.explain("self_improvement_enabled").source).toBe("default");
    expect(manager.getAuditLog()).toEqual([]);

    manager.setFlag("dynamic_skills_enabled", true);
    manager.setFlag("self_improvement_enabled", true);
    expect(manager.isEnabled("self_improvement_enabled")).toBe(true);
  });

  it("throws a DependencyError listing every unmet dependency and changes nothing", () => {
    const { manager } = make({
      config: { version: 1, flags: { a: { default: false }, b: { default: false }, c: { default: false, dependencies: ["a", "b"] } } },
    });
    const seen = vi.fn();
    manager.subscribe(seen);
    let error: unknown;
    try {
      manager.setFlag("c", true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DependencyError);
    expect((error as DependencyError).message).toBe("Cannot enable c: dependencies not satisfied: a, b");
    expect((error as DependencyError).unmet).toEqual(["a", "b"]);
    expect(seen).not.toHaveBeenCalled();
    expect(manager.explain("c").source).toBe("default");
  });

  it("gates transitively and explain names the dependency that was off", () => {
    const { manager } = make({ config: chain });
    expect(manager.isEnabled("d")).toBe(true);
    manager.setFlag("a", false);
    expect(manager.getAllFlags()).toEqual({ a: false, b: false, c: false, d: false, other: true });
    expect(manager.explain("d")).toMatchObject({ value: false, source: "dependency", dependency: "c" });
    expect(manager.explain("b")).toMatchObject({ value: false, source: "dependency", dependency: "a", reason: 'resolved on (default) but dependency "a" is off' });
    manager.resetFlag("a");
    expect(manager.isEnabled("d")).toBe(true);
  });

  it("turning a dependency off fires its dependents' callbacks too, and only theirs", () => {
    const { manager } = make({ config: chain });
    const calls: string[] = [];
    manager.onFlagChanged("*", (name, value) => calls.push(`${name}=${value}`));
    manager.setFlag("b", false);
    expect(calls).toEqual(["b=false", "c=false", "d=false"]);
  });

  it("a config-level dependency that is off gates a flag that a lower layer turns on", () => {
    const { manager } = make({ config: { version: 1, flags: { base: { default: false }, top: { default: true, dependencies: ["base"] } } } });
    expect(manager.explain("top")).toMatchObject({ value: false, source: "dependency", dependency: "base" });
  });
});

describe("setFlag and resetFlag", () => {
  it("rejects bad arguments with clear errors", () => {
    const { manager } = make();
    expect(() => manager.setFlag("", true)).toThrow("flag name must be a non-empty string");
    expect(() => manager.setFlag("lazy_loading_enabled", "true" as unknown as boolean)).toThrow(
      'setFlag("lazy_loading_enabled", value): value must be a boolean, got "true"',
    );
    expect(() => manager.setFlag(42 as unknown as string, true)).toThrow(InvalidArgumentError);
  });

  it("creates an ad-hoc flag without dependencies for an undeclared name", () => {
    const { manager } = make();
    manager.setFlag("brand_new", true);
    expect(manager.isEnabled("brand_new")).toBe(true);
    expect(manager.getFlagMetadata("brand_new")).toMatchObject({ adHoc: true, dependencies: [] });
    expect(manager.explain("brand_new")).toMatchObject({ source: "runtime", known: false });
    manager.resetFlag("brand_new");
    expect(manager.isEnabled("brand_new")).toBe(false);
  });

  it("resetFlag drops only the runtime override and is a no-op without one", () => {
    const { manager } = make();
    const listener = vi.fn();
    manager.subscribe(listener);
    manager.resetFlag("lazy_loading_enabled");
    expect(listener).not.toHaveBeenCalled();
    manager.setFlag("lazy_loading_enabled", false);
    manager.resetFlag("lazy_loading_enabled");
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(true);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("resetAll drops every runtime flag and variant override", () => {
    const { manager } = make();
    manager.setFlag("lazy_loading_enabled", false);
    manager.setFlag("dynamic_skills_enabled", true);
    manager.setVariant("experiment_1", "treatment_b");
    manager.resetAll();
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(true);
    expect(manager.isEnabled("dynamic_skills_enabled")).toBe(false);
    expect(manager.explainVariant("experiment_1").source).toBe("bucket");
  });
});

describe("callbacks", () => {
  it("fire for the named flag and '*' only when the effective value changes, and unsubscribe", () => {
    const { manager } = make();
    const named = vi.fn();
    const any = vi.fn();
    const off = manager.onFlagChanged("multimodal_vision_enabled", named);
    manager.onFlagChanged("*", any);
    manager.setFlag("multimodal_vision_enabled", true);
    manager.setFlag("multimodal_vision_enabled", true, { source: "other" }); // same value: no callback
    manager.setFlag("lazy_loading_enabled", true); // already on
    expect(named.mock.calls).toEqual([["multimodal_vision_enabled", true]]);
    expect(any.mock.calls).toEqual([["multimodal_vision_enabled", true]]);
    off();
    manager.setFlag("multimodal_vision_enabled", false);
    expect(named).toHaveBeenCalledTimes(1);
    expect(any).toHaveBeenCalledTimes(2);
  });

  it("run after the store is consistent", () => {
    const { manager } = make({ config: chain });
    const seen: Record<string, boolean>[] = [];
    manager.onFlagChanged("b", () => seen.push(manager.getAllFlags()));
    manager.setFlag("a", false);
    expect(seen).toEqual([{ a: false, b: false, c: false, d: false, other: true }]);
  });

  it("isolate a throwing callback: it is reported and the others still run", () => {
    const { manager, logger } = make();
    const after = vi.fn();
    manager.onFlagChanged("dynamic_skills_enabled", () => {
      throw new Error("boom");
    });
    manager.onFlagChanged("dynamic_skills_enabled", after);
    manager.setFlag("dynamic_skills_enabled", true);
    expect(after).toHaveBeenCalledWith("dynamic_skills_enabled", true);
    expect(manager.isEnabled("dynamic_skills_enabled")).toBe(true);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]!.message).toContain('onFlagChanged callback for "dynamic_skills_enabled" threw');
    expect((logger.errors[0]!.error as Error).message).toBe("boom");
  });

  it("reject a non-function callback", () => {
    const { manager } = make();
    expect(() => manager.onFlagChanged("x", "nope" as never)).toThrow("onFlagChanged: callback must be a function");
  });
});

describe("audit log", () => {
  it("records changes newest first with id, ISO timestamp, old and new value and source", () => {
    const { manager } = make();
    manager.setFlag("dynamic_personas_enabled", true);
    manager.setFlag("multimodal_audio_enabled", true, { source: "admin" });
    const log = manager.getAuditLog();
    expect(log.map((e) => [e.flagName, e.oldValue, e.newValue, e.source])).toEqual([
      ["multimodal_audio_enabled", false, true, "admin"],
      ["dynamic_personas_enabled", false, true, "runtime"],
    ]);
    expect(new Date(log[0]!.timestamp).toISOString()).toBe(log[0]!.timestamp);
    expect(log[0]!.id).not.toBe(log[1]!.id);
  });

  it("filters by flag, limits, records cascades as 'dependency', resets, and clears", () => {
    const { manager } = make();
    manager.setFlag("dynamic_skills_enabled", true);
    manager.setFlag("self_improvement_enabled", true);
    manager.setFlag("dynamic_skills_enabled", false);
    expect(manager.getAuditLog("self_improvement_enabled").map((e) => [e.newValue, e.source])).toEqual([
      [false, "dependency"],
      [true, "runtime"],
    ]);
    expect(manager.getAuditLog(undefined, { limit: 2 })).toHaveLength(2);
    manager.resetFlag("dynamic_skills_enabled");
    expect(manager.getAuditLog()[0]).toMatchObject({ flagName: "dynamic_skills_enabled", source: "reset" });
    manager.clearAuditLog();
    expect(manager.getAuditLog()).toEqual([]);
  });

  it("is a bounded ring that keeps the newest entries", () => {
    const { manager } = make({ auditLogSize: 5 });
    for (let i = 0; i < 12; i++) manager.setFlag("multimodal_vision_enabled", i % 2 === 0);
    const log = manager.getAuditLog();
    expect(log).toHaveLength(5);
    expect(log[0]!.newValue).toBe(false); // i = 11
    expect(log.map((e) => e.newValue)).toEqual([false, true, false, true, false]);
  });

  it("records config reloads with their source", () => {
    const { manager } = make();
    const next = loadCatalogue();
    next.flags.lazy_loading_enabled!.default = false;
    manager.loadConfig(next, { origin: "network" });
    expect(manager.getAuditLog()[0]).toMatchObject({ flagName: "lazy_loading_enabled", oldValue: true, newValue: false, source: "remote" });
    expect(manager.getStatus()).toMatchObject({ ready: true, source: "network", error: null });
  });
});

describe("store contract", () => {
  it("getSnapshot returns the same object until something changes, then a new frozen one", () => {
    const { manager } = make();
    const first = manager.getSnapshot();
    expect(manager.getSnapshot()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.flags)).toBe(true);
    manager.setFlag("lazy_loading_enabled", true); // no change
    expect(manager.getSnapshot()).toBe(first);
    manager.setFlag("lazy_loading_enabled", false);
    const second = manager.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.flags.lazy_loading_enabled).toBe(false);
    expect(first.flags.lazy_loading_enabled).toBe(true);
  });

  it("subscribeFlag wakes only the listeners of flags whose value moved", () => {
    const { manager } = make({ config: chain });
    const woke: string[] = [];
    for (const name of ["a", "b", "c", "d", "other"]) manager.subscribeFlag(name, () => woke.push(name));
    manager.setFlag("c", false);
    expect(woke).toEqual(["c", "d"]);
  });

  it("unsubscribed listeners are not called again", () => {
    const { manager } = make();
    const store = vi.fn();
    const flag = vi.fn();
    const variant = vi.fn();
    const offs = [manager.subscribe(store), manager.subscribeFlag("dynamic_skills_enabled", flag), manager.subscribeVariant("experiment_1", variant)];
    offs.forEach((off) => off());
    offs.forEach((off) => off()); // idempotent
    manager.setFlag("dynamic_skills_enabled", true);
    manager.setVariant("experiment_1", manager.getVariant("experiment_1") === "control" ? "treatment_a" : "control");
    expect(store).not.toHaveBeenCalled();
    expect(flag).not.toHaveBeenCalled();
    expect(variant).not.toHaveBeenCalled();
  });
});

describe("context", () => {
  it("setContext re-buckets and fires callbacks only for values that moved", () => {
    const config: FlagConfig = {
      version: 1,
      flags: { half: { default: false, rollout: { percentage: 50 } }, fixed: { default: true } },
    };
    const { manager } = make({ config, context: { userId: "u-0" } });
    let moved = 0;
    let fixedCalls = 0;
    manager.onFlagChanged("half", () => moved++);
    manager.onFlagChanged("fixed", () => fixedCalls++);
    let expectedMoves = 0;
    let previous = manager.isEnabled("half");
    for (let i = 1; i < 50; i++) {
      manager.setContext({ userId: `u-${i}` });
      const now = manager.isEnabled("half");
      if (now !== previous) expectedMoves++;
      previous = now;
    }
    expect(moved).toBe(expectedMoves);
    expect(moved).toBeGreaterThan(5);
    expect(fixedCalls).toBe(0);
  });

  it("setContext with the same subject notifies nobody", () => {
    const { manager } = make();
    const listener = vi.fn();
    manager.subscribe(listener);
    manager.setContext({ userId: "user-1", plan: "pro" });
    expect(listener).not.toHaveBeenCalled();
    expect(manager.getContext()).toEqual({ userId: "user-1", plan: "pro" });
  });

  it("rejects a non-string userId and a non-object context", () => {
    const { manager } = make();
    expect(() => manager.setContext({ userId: 42 as unknown as string })).toThrow("context.userId must be a string, got number");
    expect(() => manager.setContext(null as never)).toThrow("context must be an object");
  });

  it("evaluate() answers for another context without changing shared state", () => {
    const config: FlagConfig = { version: 1, flags: { half: { default: false, rollout: { percentage: 50 } }, dep: { default: true, dependencies: ["half"] } } };
    const { manager } = make({ config, context: { userId: "me" } });
    const before = manager.getSnapshot();
    const listener = vi.fn();
    manager.subscribe(listener);
    let on = 0;
    for (let i = 0; i < 200; i++) {
      const result = manager.evaluate("dep", { userId: `other-${i}` });
      const half = manager.evaluate("half", { userId: `other-${i}` });
      expect(result.value).toBe(half.value);
      if (result.value) on++;
    }
    expect(on).toBeGreaterThan(60);
    expect(on).toBeLessThan(140);
    expect(manager.getSnapshot()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
    expect(manager.getSubject()).toBe("me");
  });
});

describe("clearCache", () => {
  it("re-evaluates everything and notifies only what moved", () => {
    const storage = createMemoryStorage();
    const config: FlagConfig = { version: 1, flags: { half: { default: false, rollout: { percentage: 50 } } } };
    const manager = new FeatureFlagManager({ config, storage });
    const anon = manager.getSubject();
    const listener = vi.fn();
    manager.subscribe(listener);
    manager.clearCache();
    expect(listener).not.toHaveBeenCalled();
    expect(manager.getSubject()).toBe(anon);
    expect(manager.isEnabled("half")).toBe(manager.evaluate("half").value);
  });
});

describe("variants", () => {
  it("getVariant buckets the subject; setVariant forces one; bad input is rejected", () => {
    const { manager } = make();
    const variant = manager.getVariant("experiment_1");
    expect(["control", "treatment_a", "treatment_b"]).toContain(variant);
    expect(manager.explainVariant("experiment_1")).toMatchObject({ source: "bucket", variant });
    manager.setVariant("experiment_1", "treatment_b", { source: "qa" });
    expect(manager.getVariant("experiment_1")).toBe("treatment_b");
    expect(manager.explainVariant("experiment_1")).toMatchObject({ source: "runtime", overrideSource: "qa" });
    expect(() => manager.setVariant("experiment_1", "treatment_z")).toThrow(
      'experiment "experiment_1" has no variant "treatment_z" (variants: control, treatment_a, treatment_b)',
    );
    expect(() => manager.setVariant("nope", "a")).toThrow('unknown experiment "nope"');
    manager.resetVariant("experiment_1");
    expect(manager.getVariant("experiment_1")).toBe(variant);
    expect(manager.getVariant("unknown_experiment")).toBeUndefined();
  });

  it("subscribeVariant wakes only that experiment's listeners", () => {
    const config = loadCatalogue();
    config.experiments!.other = { variants: ["x", "y"], weights: [0.5, 0.5] };
    const { manager } = make({ config });
    const woke: string[] = [];
    manager.subscribeVariant("experiment_1", () => woke.push("experiment_1"));
    manager.subscribeVariant("other", () => woke.push("other"));
    const current = manager.getVariant("other");
    manager.setVariant("other", current === "x" ? "y" : "x");
    expect(woke).toEqual(["other"]);
  });
});

describe("loadConfig", () => {
  it("keeps runtime overrides across a reload and drops removed flags", () => {
    const { manager } = make();
    manager.setFlag("multimodal_audio_enabled", true);
    const next = loadCatalogue();
    delete next.flags.dynamic_personas_enabled;
    const changed: string[] = [];
    manager.onFlagChanged("*", (name) => changed.push(name));
    manager.loadConfig(next);
    expect(manager.isEnabled("multimodal_audio_enabled")).toBe(true);
    expect("dynamic_personas_enabled" in manager.getAllFlags()).toBe(false);
    expect(changed).toEqual([]);
  });

  it("reports status for a manager without config and after loading one", () => {
    const manager = new FeatureFlagManager({ storage: createMemoryStorage() });
    expect(manager.getStatus()).toMatchObject({ ready: true, source: "none" });
    const status = vi.fn();
    manager.subscribeStatus(status);
    manager.loadConfig(loadCatalogue(), { origin: "cache" });
    expect(manager.getStatus()).toMatchObject({ ready: true, loading: false, source: "cache", error: null });
    expect(status).toHaveBeenCalledTimes(1);
  });
});

describe("exposures", () => {
  it("are deduplicated per subject, flag and value", () => {
    const { manager } = make();
    const events: string[] = [];
    manager.onExposure((e) => events.push(`${e.subject}:${e.kind}:${e.name}=${String(e.value)}`));
    for (let i = 0; i < 5; i++) {
      manager.recordExposure("flag", "lazy_loading_enabled");
      manager.recordExposure("variant", "experiment_1");
    }
    manager.setFlag("lazy_loading_enabled", false);
    manager.recordExposure("flag", "lazy_loading_enabled");
    manager.setContext({ userId: "user-2" });
    manager.recordExposure("flag", "lazy_loading_enabled");
    expect(events).toEqual([
      "user-1:flag:lazy_loading_enabled=true",
      `user-1:variant:experiment_1=${manager.evaluateVariant("experiment_1", { userId: "user-1" })}`,
      "user-1:flag:lazy_loading_enabled=false",
      "user-2:flag:lazy_loading_enabled=false",
    ]);
  });
});

describe("listener bookkeeping", () => {
  it("listenerCount returns to its starting value after every unsubscribe", () => {
    const { manager } = make();
    const base = manager.listenerCount();
    const offs = [
      manager.subscribe(() => {}),
      manager.subscribeFlag("a", () => {}),
      manager.subscribeFlag("a", () => {}),
      manager.subscribeVariant("experiment_1", () => {}),
      manager.subscribeStatus(() => {}),
      manager.onFlagChanged("*", () => {}),
    ];
    expect(manager.listenerCount()).toBe(base + 6);
    offs.forEach((off) => off());
    expect(manager.listenerCount()).toBe(base);
  });
});

describe("the first config loaded into an empty manager", () => {
  it("audits nothing and calls back only for flags that came up on", () => {
    const manager = new FeatureFlagManager({ storage: createMemoryStorage(), context: { userId: "user-1" } });
    const before = manager.getSnapshot();
    const changed: string[] = [];
    manager.onFlagChanged("*", (name, value) => changed.push(`${name}=${value}`));
    manager.loadConfig(loadCatalogue(), { origin: "network" });
    expect(manager.getAuditLog()).toEqual([]);
    const on = Object.entries(manager.getAllFlags()).filter(([, v]) => v).map(([n]) => `${n}=true`);
    expect(changed.sort()).toEqual(on.sort());
    expect(manager.getSnapshot()).not.toBe(before);
    expect(Object.keys(manager.getSnapshot().flags)).toHaveLength(9);
  });
});

describe("context changes agree with a from-scratch evaluation", () => {
  it("after any sequence of overrides, resets, config reloads and subject switches", () => {
    const config: FlagConfig = {
      version: 1,
      flags: {
        r1: { default: false, rollout: { percentage: 50 } },
        r2: { default: true, rollout: { percentage: 30, salt: "s" }, dependencies: ["r1"] },
        plain: { default: true },
        dep_on_r2: { default: true, dependencies: ["r2"] },
        dep_on_plain: { default: false, rollout: { percentage: 70 }, dependencies: ["plain"] },
      },
      feature_flags: { dep_on_r2: true },
    };
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: "start" }, env: { VICTOR_FEATURE_R1: undefined } });
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const names = Object.keys(config.flags);
    for (let step = 0; step < 600; step++) {
      const op = next(5);
      const name = names[next(names.length)]!;
      if (op === 0) {
        try {
          manager.setFlag(name, next(2) === 0);
        } catch {
          // enabling with a dependency off is refused; that is covered elsewhere
        }
      } else if (op === 1) manager.resetFlag(name);
      else if (op === 2 && step % 50 === 0) manager.loadConfig(config);
      else manager.setContext({ userId: `user-${next(40)}` });
      for (const n of names) expect(manager.isEnabled(n), `${n} at step ${step}`).toBe(manager.evaluate(n, { userId: manager.getSubject() }).value);
    }
  });
});

describe("review fixes", () => {
  it("env overrides apply before any config is loaded, as ad-hoc flags", () => {
    const manager = new FeatureFlagManager({ storage: createMemoryStorage(), env: { VICTOR_FEATURE_EARLY_ACCESS: "on" } });
    expect(manager.isEnabled("early_access")).toBe(true);
    expect(manager.explain("early_access")).toMatchObject({ source: "env", value: true });
    expect(manager.getFlagMetadata("early_access")?.adHoc).toBe(true);
  });

  it("a new ad-hoc flag set off still appears in the next snapshot", () => {
    const { manager } = make();
    const before = manager.getSnapshot();
    manager.setFlag("brand_new_off", false);
    const after = manager.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.flags.brand_new_off).toBe(false);
  });

  it("setVariant rejects an empty source", () => {
    const { manager } = make();
    expect(() => manager.setVariant("experiment_1", "control", { source: "" })).toThrow('setVariant("experiment_1"): source must be a non-empty string');
  });
});
