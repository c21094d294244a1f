import { describe, expect, it } from "vitest";
import { flagEnvVariable, flagKeyProblem, flagNameProblem, isValidFlagKey, isValidFlagName, parseEnvOverrides, resolveEnvOverrides, validateConfig } from "@victor-flags/core";
import { loadProfile, ProfileError, readEnvOverrides } from "@victor-flags/node";
import { tempFile } from "./helpers/temp-files";

// One flag-name grammar: the config validator, env overrides (core and node) and profile files
// must accept exactly the same names, and say the same thing about a bad one. Victor flags take
// snake_case names; flagd flags (and so env, profile and QA, which name either) take flagd's keys.
const NAMES = ["a", "flag_one", "x9", "a__b", "constructor", "prototype", "__proto__", "toString", "Bad", "9lives", "_x", "a-b", "a.b", "", "é", "a b", "a".repeat(256), "a".repeat(257)];
const flagd = { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" };

describe("the flag-name grammar", () => {
  it("is the same for validateConfig, parseEnvOverrides, readEnvOverrides and loadProfile", () => {
    let i = 0;
    for (const name of NAMES) {
      const valid = isValidFlagName(name);
      expect(validateConfig({ version: 1, flags: { [name]: { default: true } } }).valid, `validateConfig ${name}`).toBe(valid);
      const key = isValidFlagKey(name);
      expect(validateConfig({ flags: { [name]: flagd } }).valid, `validateConfig flagd ${name}`).toBe(key);
      if (name === name.toLowerCase()) {
        // env variables are upper-cased names; only lower-case names survive the round trip
        const variable = `VICTOR_FEATURE_${name.toUpperCase()}`;
        expect(Object.keys(parseEnvOverrides({ [variable]: "true" }).overrides), `env ${name}`).toEqual(valid ? [name] : []);
        const report = readEnvOverrides({ [variable]: "true" }, { logger: false });
        expect(report.warnings.map((w) => w.kind), `node env ${name}`).toEqual(valid ? [] : ["invalid-name"]);
      }
      const file = tempFile(`profile-${i++}.yaml`, `feature_flags:\n  ${JSON.stringify(name)}: true\n`);
      let problems: string[] = [];
      try {
        loadProfile(file, { logger: false });
      } catch (error) {
        if (!(error instanceof ProfileError)) throw error;
        problems = error.problems.map((p) => p.message);
      }
      expect(problems, `profile ${name}`).toEqual(key ? [] : [flagKeyProblem(name)]);
    }
  });

  it("words a bad name as the validator does", () => {
    expect(flagNameProblem("Dark-Mode")).toBe('flag name must be snake_case (a-z, 0-9, _; starting with a letter), got "Dark-Mode"');
    expect(validateConfig({ version: 1, flags: { "Dark-Mode": { default: true } } }).errors[0]!.message).toBe(flagNameProblem("Dark-Mode"));
    expect(flagNameProblem("constructor")).toBe('reserved name "constructor" is not allowed as a flag name');
    expect(flagNameProblem("dark_mode")).toBeUndefined();
  });

  it("maps a name to its environment variable, any other character as _", () => {
    expect(flagEnvVariable("dark_mode")).toBe("VICTOR_FEATURE_DARK_MODE");
    expect(flagEnvVariable("dark_mode", "VITE_VICTOR_FEATURE_")).toBe("VITE_VICTOR_FEATURE_DARK_MODE");
    expect(flagEnvVariable("new-checkout.v2")).toBe("VICTOR_FEATURE_NEW_CHECKOUT_V2");
  });

  it("lets env variables reach every declared flagd key, whatever its case or punctuation", () => {
    for (const key of ["new-checkout.v2", "bannerText", "limits.api", "Dark-Mode"]) {
      const config = { flags: { [key]: flagd } } as never;
      expect(Object.keys(resolveEnvOverrides({ [flagEnvVariable(key)]: "true" }, config).overrides), key).toEqual([key]);
      expect(readEnvOverrides({ [flagEnvVariable(key)]: "off" }, { config, logger: false }).overrides, key).toEqual({ [key]: false });
    }
  });
});
