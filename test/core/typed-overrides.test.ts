import { describe, expect, it, vi } from "vitest";
import { ConfigError, DependencyError, FeatureFlagManager, InvalidArgumentError, createMemoryStorage, validateConfig, type FlagConfig, type Logger } from "@victor-flags/core";
import "@victor-flags/core/targeting";
import { createRemoteSource } from "@victor-flags/core/remote";
import { thrown } from "../fixtures/thrown.js";
import { typedDoc } from "../fixtures/typed-flags.js";

// Overrides of flagd flags' typed values through setFlag/resetFlag, the audit log and callbacks.
// a mixed document: flagd flags of each type beside Victor flags
const doc = typedDoc({
  "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" },
  old_ui: { default: false },
  needs_checkout: { default: false, dependencies: ["old_ui"] },
});

function make() {
  const logger = { warn: vi.fn(), error: vi.fn() } as unknown as Logger & { warn: ReturnType<typeof vi.fn> };
  return { m: new FeatureFlagManager({ config: doc, logger, storage: createMemoryStorage() }), logger };
}

describe("setFlag on flagd flags", () => {
  it("takes a variant name and answers it with reason STATIC and the variant", () => {
    const { m } = make();
    m.setFlag("banner-text", "nl");
    expect(m.getValueDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl", reason: "STATIC" });
    expect(m.getValue("banner-text", "fallback")).toBe("Welkom terug!");
  });

  it("takes a value of the flag's type, zero values included, as a real override", () => {
    const { m } = make();
    m.setFlag("banner-text", "Hallo");
    expect(m.getValueDetails("banner-text", "x")).toMatchObject({ value: "Hallo", variant: undefined, reason: "STATIC" });
    m.setFlag("banner-text", "");
    expect(m.getValue("banner-text", "x")).toBe("");
    m.setFlag("limits.api", 0);
    expect(m.getValueDetails("limits.api", 5)).toMatchObject({ value: 0, reason: "STATIC" });
    m.setFlag("layout", {});
    expect(m.getValue("layout", { columns: 1 })).toEqual({});
    m.setFlag("new-checkout", false);
    expect(m.getValueDetails("new-checkout", true)).toMatchObject({ value: false, reason: "STATIC" });
    expect(m.isEnabled("new-checkout")).toBe(false);
    m.setFlag("new-checkout", "on");
    expect(m.getValueDetails("new-checkout", false)).toMatchObject({ value: true, variant: "on" });
    expect(m.isEnabled("new-checkout")).toBe(true);
  });

  it("copies and freezes an object value, so the caller's later edits change nothing", () => {
    const { m } = make();
    const value = { columns: 2, tags: ["a"] };
    m.setFlag("layout", value);
    value.columns = 9;
    value.tags.push("b");
    const read = m.getValue("layout", {});
    expect(read).toEqual({ columns: 2, tags: ["a"] });
    expect(Object.isFrozen(read)).toBe(true);
  });

  it("refuses anything else with an InvalidArgumentError naming the flag and its variants, keeping the last state", () => {
    const { m } = make();
    m.setFlag("banner-text", "nl");
    const before = m.getAuditLog().length;
    const error = thrown(() => m.setFlag("banner-text", 42));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe('setFlag("banner-text", 42): flag "banner-text" is a string flag: give a variant name (variants: nl, en, none) or a string value');
    expect(thrown(() => m.setFlag("limits.api", "lots")).message).toContain('flag "limits.api" is a number flag: give a variant name (variants: zero, many) or a number value');
    expect(thrown(() => m.setFlag("limits.api", Number.NaN))).toBeInstanceOf(InvalidArgumentError);
    expect(thrown(() => m.setFlag("layout", true)).message).toContain("(variants: empty, grid) or a object value");
    expect(thrown(() => m.setFlag("new-checkout", "maybe")).message).toContain("(variants: on, off) or a boolean value");
    // functions and class instances are not JSON values
    expect(thrown(() => m.setFlag("layout", { f: (() => 1) as unknown as string }))).toBeInstanceOf(InvalidArgumentError);
    expect(thrown(() => m.setFlag("layout", new Date() as unknown as string[]))).toBeInstanceOf(InvalidArgumentError);
    expect(m.getValueDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl" });
    expect(m.getAuditLog()).toHaveLength(before);
  });

  it("drops the override on resetFlag, so the flag evaluates again", () => {
    const { m } = make();
    m.setFlag("limits.api", "zero");
    m.resetFlag("limits.api");
    expect(m.getValueDetails("limits.api", 5)).toMatchObject({ value: 1000, variant: "many", reason: "STATIC" });
    m.setFlag("layout", "empty");
    m.resetAll();
    expect(m.getValue("layout", {})).toEqual({ columns: 3 });
  });

  it("keeps Victor flags boolean, with the SPEC's dependency error", () => {
    const { m } = make();
    expect(thrown(() => m.setFlag("old_ui", "on" as unknown as boolean)).message).toBe('setFlag("old_ui", value): value must be a boolean, got "on"');
    expect(thrown(() => m.setFlag("ad_hoc", 1))).toBeInstanceOf(InvalidArgumentError);
    const error = thrown(() => m.setFlag("needs_checkout", true));
    expect(error).toBeInstanceOf(DependencyError);
    expect(error.message).toBe("Cannot enable needs_checkout: dependencies not satisfied: old_ui");
  });
});

describe("audit log and callbacks for typed flags", () => {
  it("records old and new JSON values with their variants; Victor entries keep their shape", () => {
    const { m } = make();
    m.setFlag("banner-text", "nl", { source: "devtools" });
    m.setFlag("banner-text", "Hi");
    m.resetFlag("banner-text");
    m.setFlag("old_ui", true);
    const [victor, reset, typed, named] = m.getAuditLog();
    expect(named).toMatchObject({ flagName: "banner-text", oldValue: "Welcome back!", oldVariant: "en", newValue: "Welkom terug!", newVariant: "nl", source: "devtools" });
    expect(typed).toMatchObject({ oldValue: "Welkom terug!", oldVariant: "nl", newValue: "Hi", source: "runtime" });
    expect(typed).not.toHaveProperty("newVariant");
    expect(reset).toMatchObject({ oldValue: "Hi", newValue: "Welcome back!", newVariant: "en", source: "reset" });
    expect(Object.keys(victor!).sort()).toEqual(["flagName", "id", "newValue", "oldValue", "source", "timestamp"]);
    expect(victor).toMatchObject({ flagName: "old_ui", oldValue: false, newValue: true });
  });

  it("calls onFlagChanged with the typed change when a flagd flag's value moves, and Victor callbacks with (name, value) only", () => {
    const { m } = make();
    const banner = vi.fn();
    const all = vi.fn();
    m.onFlagChanged("banner-text", banner);
    m.onFlagChanged("*", all);
    m.setFlag("banner-text", "nl");
    m.setFlag("banner-text", "nl"); // no change: no call
    m.setFlag("limits.api", "zero");
    m.setFlag("old_ui", true);
    expect(banner.mock.calls).toEqual([["banner-text", false, { oldValue: "Welcome back!", newValue: "Welkom terug!", oldVariant: "en", newVariant: "nl" }]]);
    expect(all.mock.calls).toEqual([
      ["banner-text", false, { oldValue: "Welcome back!", newValue: "Welkom terug!", oldVariant: "en", newVariant: "nl" }],
      ["limits.api", false, { oldValue: 1000, newValue: 0, oldVariant: "many", newVariant: "zero" }],
      ["old_ui", true],
    ]);
  });

  it("notifies the flag's store subscribers (useFlagValue) when an override moves its value", () => {
    const { m } = make();
    const listener = vi.fn();
    m.subscribeFlag("layout", listener);
    m.setFlag("layout", "empty");
    expect(listener).toHaveBeenCalledTimes(1);
    m.resetFlag("layout");
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe("keys that share an environment variable", () => {
  it("are a validateConfig error with the path of the second key", () => {
    const result = validateConfig({
      flags: {
        "new-checkout": { state: "ENABLED", variants: { on: true }, defaultVariant: "on" },
        new_checkout: { state: "ENABLED", variants: { on: true }, defaultVariant: "on" },
      },
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ path: "flags.new_checkout", message: 'maps to env variable VICTOR_FEATURE_NEW_CHECKOUT like "new-checkout"; rename one of them' }]);
  });

  it("reject the document wherever it is checked: the manager's config, loadConfig, and the remote source's check", () => {
    const colliding = {
      version: 1,
      flags: {
        bannerText: { state: "ENABLED", variants: { a: "A" }, defaultVariant: "a" },
        bannertext: { default: true },
      },
    } as unknown as FlagConfig;
    expect(() => new FeatureFlagManager({ config: colliding })).toThrow(/flags\.bannertext: maps to env variable VICTOR_FEATURE_BANNERTEXT like "bannerText"/);
    const manager = new FeatureFlagManager({ config: { version: 1, flags: { a: { default: true } } } });
    expect(() => manager.loadConfig(colliding)).toThrow(ConfigError);
    expect(manager.isEnabled("a")).toBe(true);
    const fresh = new FeatureFlagManager();
    createRemoteSource({ url: "http://127.0.0.1:9/flags.json", bootstrap: colliding, storage: createMemoryStorage(), logger: { warn() {}, error() {} } }).hydrate(fresh);
    expect(fresh.getStatus().source).toBe("none");
  });
});
