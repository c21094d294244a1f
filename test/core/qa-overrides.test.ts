import { afterEach, describe, expect, it } from "vitest";
import {
  FeatureFlagManager,
  createMemoryStorage,
  type FeatureFlagManagerOptions,
} from "@victor-flags/core";
import {
  QA_STORAGE_KEY,
  applyQaOverrides,
  formatQaOverrides,
  parseQaOverrides,
} from "@victor-flags/core/qa";
import { MAX_QA_ENTRIES, MAX_QA_TEXT_LENGTH } from "@victor-flags/core";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue.js";

function make(options: FeatureFlagManagerOptions = {}) {
  const logger = recordingLogger();
  const manager = new FeatureFlagManager({ config: loadCatalogue(), storage: createMemoryStorage(), logger, context: { userId: "user-1" }, ...options });
  return { manager, logger };
}

/** Storage holding only the QA key, so no test reads another's state. */
const qaStorage = (text?: string) => createMemoryStorage(text === undefined ? {} : { [QA_STORAGE_KEY]: text });

describe("off by default", () => {
  const realLocation = Object.getOwnPropertyDescriptor(globalThis, "location");
  afterEach(() => {
    if (realLocation) Object.defineProperty(globalThis, "location", realLocation);
    else delete (globalThis as { location?: unknown }).location;
  });

  it("a manager ignores ?vf= and the storage key unless applyQaOverrides is called", () => {
    Object.defineProperty(globalThis, "location", { value: { search: "?vf=dynamic_skills_enabled:on" }, configurable: true });
    const storage = createMemoryStorage({ [QA_STORAGE_KEY]: "multimodal_vision_enabled:on" });
    const { manager } = make({ storage });
    expect(manager.isEnabled("dynamic_skills_enabled")).toBe(false);
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(false);
    expect(manager.getAuditLog()).toEqual([]);
  });

  it("once called, reads location.search of the page by default", () => {
    Object.defineProperty(globalThis, "location", { value: { search: "?vf=dynamic_skills_enabled:on" }, configurable: true });
    const { manager, logger } = make();
    const report = applyQaOverrides(manager, { storage: null, logger });
    expect(report.applied).toEqual([{ kind: "flag", name: "dynamic_skills_enabled", value: true, from: "url" }]);
    expect(manager.isEnabled("dynamic_skills_enabled")).toBe(true);
  });
});

describe("URL and storage forms", () => {
  it("sets flags on and off and forces a variant, with source qa in explain and the audit log", () => {
    const { manager, logger } = make();
    const report = applyQaOverrides(manager, {
      search: "?vf=multimodal_vision_enabled:on,lazy_loading_enabled:off,experiment_1:treatment_a",
      storage: null,
      logger,
    });
    expect(report.problems).toEqual([]);
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(false);
    expect(manager.getVariant("experiment_1")).toBe("treatment_a");
    expect(manager.explain("multimodal_vision_enabled")).toMatchObject({ source: "runtime", overrideSource: "qa" });
    expect(manager.explainVariant("experiment_1")).toMatchObject({ source: "runtime", overrideSource: "qa" });
    const audit = manager.getAuditLog();
    expect(audit.map((e) => [e.flagName, e.newValue, e.source]).sort()).toEqual(
      [
        ["experiment_1", "treatment_a", "qa"],
        ["lazy_loading_enabled", false, "qa"],
        ["multimodal_vision_enabled", true, "qa"],
      ].sort(),
    );
    expect(logger.warnings).toEqual([]);
  });

  it("accepts true/false, 1/0 and yes/no in any case, spaces, and repeated vf parameters", () => {
    const { manager } = make();
    const report = applyQaOverrides(manager, {
      search: "?x=1&vf=multimodal_vision_enabled:TRUE,%20multimodal_audio_enabled%20:%201&vf=lazy_loading_enabled:No&vf=parallel_execution_enabled:false",
      storage: null,
      logger: recordingLogger(),
    });
    expect(report.problems).toEqual([]);
    expect(manager.getAllFlags()).toMatchObject({
      multimodal_vision_enabled: true,
      multimodal_audio_enabled: true,
      lazy_loading_enabled: false,
      parallel_execution_enabled: false,
    });
  });

  it("reads the localStorage key, and a URL entry wins over a stored one for the same name", () => {
    const { manager } = make();
    const storage = qaStorage("multimodal_vision_enabled:on,experiment_1:treatment_b,lazy_loading_enabled:off");
    const report = applyQaOverrides(manager, { search: "?vf=experiment_1:control", storage, logger: recordingLogger() });
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(false);
    expect(manager.getVariant("experiment_1")).toBe("control");
    expect(report.applied).toContainEqual({ kind: "variant", name: "experiment_1", value: "control", from: "url" });
    expect(report.applied).toContainEqual({ kind: "flag", name: "multimodal_vision_enabled", value: true, from: "storage" });
  });

  it("honours a custom parameter and storage key", () => {
    const { manager } = make();
    applyQaOverrides(manager, { search: "?vf=lazy_loading_enabled:off&qa=multimodal_vision_enabled:on", param: "qa", storage: createMemoryStorage({ mykey: "multimodal_audio_enabled:on" }), storageKey: "mykey" });
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(true);
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(manager.isEnabled("multimodal_audio_enabled")).toBe(true);
  });

  it("persist: true copies the URL into storage for later page loads, and an empty ?vf= clears it", () => {
    const storage = qaStorage("lazy_loading_enabled:off");
    applyQaOverrides(make().manager, { search: "?vf=multimodal_vision_enabled:on", storage, persist: true });
    expect(storage.getItem(QA_STORAGE_KEY)).toBe("multimodal_vision_enabled:on");
    const next = make().manager;
    applyQaOverrides(next, { search: "", storage });
    expect(next.isEnabled("multimodal_vision_enabled")).toBe(true);
    applyQaOverrides(make().manager, { search: "?vf=", storage, persist: true });
    expect(storage.getItem(QA_STORAGE_KEY)).toBeNull();
  });

  it("an empty URL and empty storage change nothing", () => {
    const { manager } = make();
    const before = manager.getSnapshot();
    const report = applyQaOverrides(manager, { search: "?other=1", storage: qaStorage() });
    expect(report).toMatchObject({ applied: [], problems: [], pending: false });
    expect(manager.getSnapshot()).toBe(before);
  });
});

describe("dependency rules", () => {
  it("applies flags in dependency order, whatever order the URL lists them in", () => {
    for (const search of ["?vf=self_improvement_enabled:on,dynamic_skills_enabled:on", "?vf=dynamic_skills_enabled:on,self_improvement_enabled:on"]) {
      const { manager, logger } = make();
      const report = applyQaOverrides(manager, { search, storage: null, logger });
      expect(report.problems).toEqual([]);
      expect(manager.isEnabled("self_improvement_enabled")).toBe(true);
      expect(manager.explain("self_improvement_enabled").overrideSource).toBe("qa");
    }
  });

  it("orders through dependencies that the URL does not name", () => {
    const { manager } = make({
      config: { version: 1, flags: { a: { default: false }, b: { default: true, dependencies: ["a"] }, c: { default: false, dependencies: ["b"] } } },
    });
    const report = applyQaOverrides(manager, { search: "?vf=c:on,a:on", storage: null, logger: recordingLogger() });
    expect(report.problems).toEqual([]);
    expect(manager.getAllFlags()).toMatchObject({ a: true, b: true, c: true });
  });

  it("reports a refused override with the dependency message and logs it, applying the rest", () => {
    const { manager, logger } = make();
    const report = applyQaOverrides(manager, { search: "?vf=self_improvement_enabled:on,multimodal_vision_enabled:on", storage: null, logger });
    expect(manager.isEnabled("self_improvement_enabled")).toBe(false);
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(report.problems).toEqual([
      {
        entry: "self_improvement_enabled:on",
        name: "self_improvement_enabled",
        from: "url",
        reason: "refused",
        message: "Cannot enable self_improvement_enabled: dependencies not satisfied: dynamic_skills_enabled",
      },
    ]);
    expect(logger.warnings).toEqual([
      'QA override "self_improvement_enabled:on" (from url) not applied: Cannot enable self_improvement_enabled: dependencies not satisfied: dynamic_skills_enabled',
    ]);
    expect(manager.getAuditLog("self_improvement_enabled")).toEqual([]);
  });

  it("turning a dependency off through QA turns its dependents off and records the cascade", () => {
    const { manager } = make();
    manager.setFlag("dynamic_skills_enabled", true);
    manager.setFlag("self_improvement_enabled", true);
    applyQaOverrides(manager, { search: "?vf=dynamic_skills_enabled:off", storage: null });
    expect(manager.isEnabled("self_improvement_enabled")).toBe(false);
    expect(manager.getAuditLog("self_improvement_enabled")[0]).toMatchObject({ newValue: false, source: "dependency" });
  });

  it("reports an override that an environment override shadows", () => {
    const { manager, logger } = make({ env: { VICTOR_FEATURE_MULTIMODAL_VISION_ENABLED: "false" } });
    const report = applyQaOverrides(manager, { search: "?vf=multimodal_vision_enabled:on", storage: null, logger });
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(false);
    expect(report.problems).toMatchObject([{ name: "multimodal_vision_enabled", reason: "shadowed" }]);
    expect(report.problems[0]!.message).toContain("VICTOR_FEATURE_MULTIMODAL_VISION_ENABLED");
  });
});

describe("bad entries are reported, never dropped silently", () => {
  it("unknown names, bad flag values, unknown variants and bare names", () => {
    const { manager, logger } = make();
    const before = manager.getSnapshot();
    const report = applyQaOverrides(manager, {
      search: "?vf=no_such_flag:on,lazy_loading_enabled:maybe,experiment_1:treatment_z,multimodal_vision_enabled,__proto__:on,toString:on",
      storage: null,
      logger,
    });
    expect(report.applied).toEqual([]);
    expect(report.problems.map((p) => [p.name, p.reason])).toEqual([
      ["no_such_flag", "unknown-name"],
      ["lazy_loading_enabled", "invalid-value"],
      ["experiment_1", "unknown-variant"],
      ["multimodal_vision_enabled", "invalid-value"],
      ["__proto__", "unknown-name"],
      ["toString", "unknown-name"],
    ]);
    expect(report.problems[2]!.message).toBe('experiment "experiment_1" has no variant "treatment_z" (variants: control, treatment_a, treatment_b)');
    expect(logger.warnings).toHaveLength(6);
    expect(logger.warnings[0]).toBe('QA override "no_such_flag:on" (from url) not applied: "no_such_flag" is neither a flag nor an experiment of the current config');
    expect(manager.getSnapshot()).toBe(before);
    expect(manager.getFlagMetadata("no_such_flag")).toBeUndefined();
    expect(({} as Record<string, unknown>).on).toBeUndefined();
  });

  it("a storage that throws is reported and the URL still applies", () => {
    const { manager, logger } = make();
    const broken = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => {}, removeItem: () => {} };
    applyQaOverrides(manager, { search: "?vf=multimodal_vision_enabled:on", storage: broken, logger });
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(logger.warnings[0]).toContain('storage key "victor-flags:qa" is not usable: Error: SecurityError');
  });
});

describe("a config that is still loading", () => {
  it("waits until the manager is ready, then applies and reports through onReport", () => {
    const manager = new FeatureFlagManager({ storage: createMemoryStorage(), logger: recordingLogger() });
    manager.reportStatus({ ready: false, loading: true });
    const reports: unknown[] = [];
    const report = applyQaOverrides(manager, { search: "?vf=multimodal_vision_enabled:on,nope:on", storage: null, logger: recordingLogger(), onReport: (r) => reports.push(r) });
    expect(report.pending).toBe(true);
    expect(manager.getAuditLog()).toEqual([]);
    manager.loadConfig(loadCatalogue(), { origin: "network" });
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ pending: false, applied: [{ name: "multimodal_vision_enabled" }], problems: [{ name: "nope", reason: "unknown-name" }] });
  });

  it("names the cached config knows apply at once (first paint); only the others wait for the load", () => {
    const cached = { version: 1 as const, flags: { multimodal_vision_enabled: { default: false } } };
    const manager = new FeatureFlagManager({ config: cached, storage: createMemoryStorage(), logger: recordingLogger() });
    manager.reportStatus({ ready: false, loading: true });
    const logger = recordingLogger();
    const reports: { applied: unknown[]; problems: unknown[] }[] = [];
    const report = applyQaOverrides(manager, { search: "?vf=multimodal_vision_enabled:on,lazy_loading_enabled:off", storage: null, logger, onReport: (r) => reports.push(r) });
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(report).toMatchObject({ pending: true, applied: [{ name: "multimodal_vision_enabled" }], problems: [] });
    expect(logger.warnings).toEqual([]);
    manager.loadConfig(loadCatalogue(), { origin: "network" });
    expect(manager.isEnabled("lazy_loading_enabled")).toBe(false);
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(true);
    expect(reports[0]!.applied).toHaveLength(2);
  });

  it("cancel() stops a pending application", () => {
    const manager = new FeatureFlagManager({ storage: createMemoryStorage(), logger: recordingLogger() });
    manager.reportStatus({ ready: false, loading: true });
    const report = applyQaOverrides(manager, { search: "?vf=multimodal_vision_enabled:on", storage: null });
    report.cancel();
    manager.loadConfig(loadCatalogue());
    expect(manager.isEnabled("multimodal_vision_enabled")).toBe(false);
  });
});

describe("text form", () => {
  it("formats what it parses", () => {
    const text = formatQaOverrides({ flags: { a: true, b: false }, variants: { experiment_1: "treatment_a" } });
    expect(text).toBe("a:on,b:off,experiment_1:treatment_a");
    expect(parseQaOverrides(text).map((e) => [e.name, e.value])).toEqual([
      ["a", "on"],
      ["b", "off"],
      ["experiment_1", "treatment_a"],
    ]);
  });

  it("refuses names and variants that the text form cannot carry", () => {
    expect(() => formatQaOverrides({ flags: { "a,b": true } })).toThrow('QA override flag name "a,b" cannot be written');
    expect(() => formatQaOverrides({ variants: { exp: "x:y" } })).toThrow('QA override variant "x:y" cannot be written');
  });
});

describe("limits", () => {
  const many = (count: number) => Array.from({ length: count }, (_, i) => `flag_${i}:on`).join(",");

  it("reads no entry of a ?vf= longer than MAX_QA_TEXT_LENGTH (80 000 entries), and says so once", () => {
    const { manager, logger } = make();
    const search = `?vf=dynamic_skills_enabled:on,${many(80_000)}`;
    const report = applyQaOverrides(manager, { search, storage: null, logger });
    expect(report.applied).toEqual([]);
    expect(manager.isEnabled("dynamic_skills_enabled")).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ from: "url", reason: "too-large", name: "" });
    expect(report.problems[0]!.entry).toBe("dynamic_skills_enabled:on,flag_0:on,flag…"); // the first 40 characters
    expect(report.problems[0]!.message).toBe(`${search.length - 4} characters, more than the ${MAX_QA_TEXT_LENGTH} read; none of its entries is applied`);
    expect(logger.warnings).toHaveLength(1);
  });

  it("counts entries: MAX_QA_ENTRIES are read, one more is refused", () => {
    const short = (count: number) => Array.from({ length: count }, (_, i) => `f${i}`).join(",");
    expect(short(MAX_QA_ENTRIES + 1).length).toBeLessThan(MAX_QA_TEXT_LENGTH);
    const { manager, logger } = make();
    const at = applyQaOverrides(manager, { search: `?vf=dynamic_skills_enabled:on,${short(MAX_QA_ENTRIES - 1)}`, storage: null, logger });
    expect(at.applied).toEqual([{ kind: "flag", name: "dynamic_skills_enabled", value: true, from: "url" }]);
    const over = applyQaOverrides(make().manager, { search: `?vf=dynamic_skills_enabled:on,${short(MAX_QA_ENTRIES)}`, storage: null, logger });
    expect(over.applied).toEqual([]);
    expect(over.problems.map((p) => p.message)).toEqual([`${MAX_QA_ENTRIES + 1} entries, more than the ${MAX_QA_ENTRIES} read; none of its entries is applied`]);
  });

  it("does not persist a URL over the limits, and still reads storage when the URL is refused", () => {
    const storage = qaStorage("multimodal_vision_enabled:on");
    const { manager, logger } = make();
    const report = applyQaOverrides(manager, { search: `?vf=${many(2000)}`, storage, persist: true, logger });
    expect(storage.getItem(QA_STORAGE_KEY)).toBe("multimodal_vision_enabled:on");
    expect(report.problems.map((p) => p.reason)).toEqual(["too-large"]);
    const fromStorage = applyQaOverrides(make().manager, { search: `?vf=${many(2000)}`, storage, logger });
    expect(fromStorage.applied).toEqual([{ kind: "flag", name: "multimodal_vision_enabled", value: true, from: "storage" }]);
  });

  it("refuses a stored text over the limits the same way", () => {
    const { manager, logger } = make();
    const report = applyQaOverrides(manager, { search: "", storage: qaStorage(many(1000)), logger });
    expect(report.problems.map((p) => [p.from, p.reason])).toEqual([["storage", "too-large"]]);
  });

  it("formatQaOverrides refuses to write what would not be read", () => {
    const flags = Object.fromEntries(Array.from({ length: MAX_QA_ENTRIES + 1 }, (_, i) => [`f${i}`, true]));
    expect(() => formatQaOverrides({ flags })).toThrow(`QA overrides cannot be written: ${MAX_QA_ENTRIES + 1} entries, more than the ${MAX_QA_ENTRIES} read`);
  });
});
