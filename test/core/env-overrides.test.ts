import { describe, expect, it } from "vitest";
import { parseEnvBoolean, parseEnvOverrides } from "@victor-flags/core";

describe("parseEnvOverrides", () => {
  it("accepts true/false/1/0/yes/no/on/off in any case and maps names to snake_case", () => {
    const values = { TRUE: true, False: false, "1": true, "0": false, Yes: true, NO: false, on: true, OFF: false, " true ": true };
    for (const [raw, expected] of Object.entries(values)) expect(parseEnvBoolean(raw), raw).toBe(expected);
    const { overrides, problems } = parseEnvOverrides({ VICTOR_FEATURE_HIERARCHICAL_PLANNING_ENABLED: "true", PATH: "/bin", VICTOR_FEATURE_LAZY_LOADING_ENABLED: "off" });
    expect({ ...overrides }).toEqual({ hierarchical_planning_enabled: true, lazy_loading_enabled: false });
    expect(problems).toEqual([]);
  });

  it("rejects anything else with a message naming the variable and value, never reading it as true", () => {
    const { overrides, problems } = parseEnvOverrides({ VICTOR_FEATURE_A: "enabled", VICTOR_FEATURE_B: "", VICTOR_FEATURE_C: "2" });
    expect({ ...overrides }).toEqual({});
    expect(problems.map((p) => p.message)).toEqual([
      'VICTOR_FEATURE_A="enabled" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored',
      'VICTOR_FEATURE_B="" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored',
      'VICTOR_FEATURE_C="2" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored',
    ]);
  });

  it("reads the bundler prefixes, the plain prefix winning over them", () => {
    const { overrides, variables } = parseEnvOverrides({ VITE_VICTOR_FEATURE_X: "on", NEXT_PUBLIC_VICTOR_FEATURE_Y: "on", VICTOR_FEATURE_Y: "off" });
    expect({ ...overrides }).toEqual({ x: true, y: false });
    expect(variables.y).toBe("VICTOR_FEATURE_Y");
  });

  it("rejects names that cannot be flags, including prototype keys", () => {
    const { overrides, problems } = parseEnvOverrides({ VICTOR_FEATURE___PROTO__: "true", VICTOR_FEATURE_: "true", "VICTOR_FEATURE_BAD-NAME": "1" });
    expect(Object.keys(overrides)).toEqual([]);
    expect(problems).toHaveLength(3);
    expect(problems[0]!.message).toContain("does not name a flag");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
