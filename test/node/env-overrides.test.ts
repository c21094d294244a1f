import { describe, expect, it } from "vitest";
import { readEnvOverrides } from "@victor-flags/node";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue";

describe("readEnvOverrides", () => {
  it("reads VICTOR_FEATURE_* and the bundler-prefixed forms, any case of true/false/1/0/yes/no/on/off", () => {
    const report = readEnvOverrides(
      {
        VICTOR_FEATURE_A: "TRUE",
        VICTOR_FEATURE_B: "off",
        VITE_VICTOR_FEATURE_C: "Yes",
        NEXT_PUBLIC_VICTOR_FEATURE_D: "0",
        VICTOR_FEATURE_E: " on ",
        UNRELATED: "true",
      },
      { logger: false },
    );
    expect(report.overrides).toEqual({ a: true, b: false, c: true, d: false, e: true });
    expect(report.variables.c).toBe("VITE_VICTOR_FEATURE_C");
    expect(report.warnings).toEqual([]);
  });

  it("rejects a non-boolean value with a warning naming the variable and the value, never reading it as true", () => {
    const logger = recordingLogger();
    const report = readEnvOverrides({ VICTOR_FEATURE_DARK_MODE: "maybe", VICTOR_FEATURE_OK: "1" }, { logger });
    expect(report.overrides).toEqual({ ok: true });
    expect(report.env).toEqual({ VICTOR_FEATURE_OK: "1" });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ kind: "invalid-value", variable: "VICTOR_FEATURE_DARK_MODE", value: "maybe" });
    expect(logger.warnings).toEqual([expect.stringContaining('VICTOR_FEATURE_DARK_MODE="maybe" is not a boolean')]);
  });

  it("warns about a variable that does not name a flag", () => {
    const report = readEnvOverrides({ VICTOR_FEATURE_: "true", "VICTOR_FEATURE_9LIVES": "true" }, { logger: false });
    expect(report.overrides).toEqual({});
    expect(report.warnings.map((w) => [w.kind, w.variable])).toEqual([
      ["invalid-name", "VICTOR_FEATURE_"],
      ["invalid-name", "VICTOR_FEATURE_9LIVES"],
    ]);
  });

  it("warns about overrides for flags the config does not declare, suggesting the likely name", () => {
    const logger = recordingLogger();
    const report = readEnvOverrides({ VICTOR_FEATURE_DYNAMIC_SKILS_ENABLED: "true" }, { config: loadCatalogue(), logger });
    expect(report.warnings).toEqual([expect.objectContaining({ kind: "undeclared", variable: "VICTOR_FEATURE_DYNAMIC_SKILS_ENABLED", value: "true" })]);
    expect(logger.warnings[0]).toContain('which the config does not declare (did you mean "dynamic_skills_enabled"?)');
  });

  it("says which variable wins when the plain and bundler forms disagree", () => {
    const report = readEnvOverrides({ VICTOR_FEATURE_X: "false", VITE_VICTOR_FEATURE_X: "true" }, { logger: false });
    expect(report.overrides).toEqual({ x: false });
    expect(report.warnings).toEqual([expect.objectContaining({ kind: "shadowed", variable: "VITE_VICTOR_FEATURE_X" })]);
    expect(report.warnings[0]!.message).toContain("shadowed by VICTOR_FEATURE_X");
  });

  it("reads process.env when called without arguments", () => {
    process.env.VICTOR_FEATURE_FROM_PROCESS_ENV_TEST = "on";
    try {
      expect(readEnvOverrides(undefined, { logger: false }).overrides.from_process_env_test).toBe(true);
    } finally {
      delete process.env.VICTOR_FEATURE_FROM_PROCESS_ENV_TEST;
    }
  });
});
