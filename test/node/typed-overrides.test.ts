import { describe, expect, it } from "vitest";
import "@victor-flags/core/targeting";
import { createNodeManager, loadProfile, ProfileError, readEnvOverrides } from "@victor-flags/node";
import { recordingLogger } from "../fixtures/catalogue";
import { tempFile } from "./helpers/temp-files";
import { thrown } from "../fixtures/thrown.js";
import { typedDoc } from "../fixtures/typed-flags.js";

// Env variables and the profile file over flagd flags, validated against the config.
const config = typedDoc({
  "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" },
  dark_mode: { default: false },
});

describe("readEnvOverrides with a config of flagd flags", () => {
  it("maps variables to declared keys and reads variant names, zero values included", () => {
    const report = readEnvOverrides({ VICTOR_FEATURE_LIMITS_API: "zero", VICTOR_FEATURE_NEW_CHECKOUT: "0", VICTOR_FEATURE_LAYOUT: "empty" }, { config, logger: false });
    expect(report.warnings).toEqual([]);
    expect(report.values).toEqual({ "limits.api": { value: 0, variant: "zero" }, layout: { value: {}, variant: "empty" } });
    expect(report.overrides).toEqual({ "new-checkout": false });
    expect(report.env).toEqual({ VICTOR_FEATURE_LIMITS_API: "zero", VICTOR_FEATURE_NEW_CHECKOUT: "0", VICTOR_FEATURE_LAYOUT: "empty" });
  });

  it("warns about a value that names no variant, naming the variable, the flag and its variants", () => {
    const logger = recordingLogger();
    const report = readEnvOverrides({ VICTOR_FEATURE_BANNER_TEXT: "fr" }, { config, logger });
    expect(report.values).toEqual({});
    expect(report.env).toEqual({});
    expect(report.warnings).toEqual([expect.objectContaining({ kind: "invalid-value", variable: "VICTOR_FEATURE_BANNER_TEXT", value: "fr" })]);
    expect(logger.warnings).toEqual(['VICTOR_FEATURE_BANNER_TEXT="fr" is not a variant of flag "banner-text" (variants: nl, en, none); ignored']);
  });

  it("says which variable wins when the plain and bundler forms name different variants", () => {
    const report = readEnvOverrides({ VICTOR_FEATURE_BANNER_TEXT: "nl", VITE_VICTOR_FEATURE_BANNER_TEXT: "en" }, { config, logger: false });
    expect(report.values).toEqual({ "banner-text": { value: "Welkom terug!", variant: "nl" } });
    expect(report.warnings).toEqual([expect.objectContaining({ kind: "shadowed", variable: "VITE_VICTOR_FEATURE_BANNER_TEXT" })]);
  });
});

describe("loadProfile with flagd keys and values", () => {
  it("accepts flagd keys with a variant name or a value of the flag's type, zero values included", () => {
    const path = tempFile("typed.yaml", 'feature_flags:\n  banner-text: nl\n  limits.api: 0\n  layout: {}\n  new-checkout: false\n  dark_mode: on\n');
    const profile = loadProfile(path, { config, logger: false });
    expect(profile.values).toEqual({ "banner-text": { value: "Welkom terug!", variant: "nl" }, "limits.api": { value: 0, variant: undefined }, layout: { value: {}, variant: undefined } });
    expect(profile.featureFlags).toEqual({ "new-checkout": false, dark_mode: true });
  });

  it("rejects a value that is neither a variant nor of the flag's type, with its path and position", () => {
    const path = tempFile("bad-typed.yaml", 'feature_flags:\n  banner-text: 42\n  limits.api: lots\n  new-checkout: maybe\n');
    const error = thrown<ProfileError>(() => loadProfile(path, { config, logger: false }));
    expect(error).toBeInstanceOf(ProfileError);
    expect(error.problems).toEqual([
      { path: "feature_flags.banner-text", message: 'must name a variant of flag "banner-text" (variants: nl, en, none) or be a string value, got number 42', line: 2, column: 16 },
      { path: "feature_flags.limits.api", message: 'must name a variant of flag "limits.api" (variants: zero, many) or be a number value, got "lots"', line: 3, column: 15 },
      { path: "feature_flags.new-checkout", message: 'must name a variant of flag "new-checkout" (variants: on, off) or be a boolean value, got "maybe"', line: 4, column: 17 },
    ]);
  });
});

describe("createNodeManager over flagd flags", () => {
  it("applies the profile's typed values (source profile) under env variables that name variants", () => {
    const profilePath = tempFile("node-typed.yaml", "feature_flags:\n  banner-text: nl\n  limits.api: 0\n");
    const manager = createNodeManager({ config, profilePath, env: { VICTOR_FEATURE_LIMITS_API: "many" }, logger: recordingLogger() });
    expect(manager.getValueDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl", reason: "STATIC" });
    expect(manager.getAuditLog("banner-text")[0]).toMatchObject({ source: "profile", newVariant: "nl" });
    expect(manager.getValueDetails("limits.api", 5)).toMatchObject({ value: 1000, variant: "many" });
    manager.resetFlag("limits.api");
    expect(manager.getValue("limits.api", 5)).toBe(1000);
  });
});
