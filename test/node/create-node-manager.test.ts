import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANONYMOUS_ID_KEY } from "@victor-flags/core";
import { applyProfile, ConfigFileError, createFileStorage, createNodeManager, ProfileError } from "@victor-flags/node";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue";
import { tempDir, tempFile } from "./helpers/temp-files";

const config = {
  version: 1 as const,
  flags: {
    base: { default: false },
    child: { default: false, dependencies: ["base"] },
    other: { default: false },
  },
  feature_flags: { other: true, base: false },
};

describe("createNodeManager", () => {
  it("layers env over the profile over the config's own feature_flags", () => {
    const profilePath = tempFile("profiles.yaml", "feature_flags:\n  base: true\n  child: true\n");
    const m = createNodeManager({ config, profilePath, env: { VICTOR_FEATURE_OTHER: "off" }, logger: recordingLogger() });
    // profile (base: true) beats the document's own feature_flags (base: false)
    expect(m.explain("base")).toMatchObject({ value: true, source: "config" });
    expect(m.isEnabled("child")).toBe(true);
    // env beats the document's value map
    expect(m.explain("other")).toMatchObject({ value: false, source: "env" });
    // runtime sits between env and the profile
    m.setFlag("base", false);
    expect(m.isEnabled("child")).toBe(false);
    expect(m.explain("child")).toMatchObject({ source: "dependency", dependency: "base" });
  });

  it("reads the config from a file and reports a bad one with positions", () => {
    const good = tempFile("flags.json", config);
    expect(createNodeManager({ configPath: good, profilePath: false, env: {} }).isEnabled("other")).toBe(true);
    const bad = tempFile("bad.json", { version: 1, flags: { a: { default: 1 } } });
    expect(() => createNodeManager({ configPath: bad, profilePath: false, env: {} })).toThrow(ConfigFileError);
    expect(() => createNodeManager({ configPath: bad, profilePath: false, env: {} })).toThrow(/bad\.json:\d+:\d+: flags\.a\.default: must be a boolean/);
    expect(() => createNodeManager({ config, configPath: good })).toThrow(/either config or configPath/);
  });

  it("reads ~/.victor/profiles.yaml by default and is fine without one", () => {
    const home = tempDir();
    const previous = process.env.HOME;
    process.env.HOME = home;
    try {
      expect(createNodeManager({ config, env: {} }).isEnabled("base")).toBe(false);
      mkdirSync(join(home, ".victor"));
      writeFileSync(join(home, ".victor", "profiles.yaml"), "feature_flags:\n  base: true\n");
      expect(createNodeManager({ config, env: {} }).isEnabled("base")).toBe(true);
    } finally {
      process.env.HOME = previous;
    }
  });

  it("throws on a malformed profile rather than guessing", () => {
    const profilePath = tempFile("profiles.yaml", "feature_flags:\n  base: maybe\n");
    expect(() => createNodeManager({ config, profilePath, env: {} })).toThrow(ProfileError);
  });

  it("warns once per bad or undeclared env variable, naming variable and value, and ignores the bad value", () => {
    const logger = recordingLogger();
    const m = createNodeManager({
      config,
      profilePath: false,
      env: { VICTOR_FEATURE_BASE: "enabled", VICTOR_FEATURE_UNKNOWN_THING: "true" },
      logger,
    });
    expect(m.isEnabled("base")).toBe(false);
    expect(m.explain("base").source).not.toBe("env");
    expect(logger.warnings.filter((w) => w.includes("VICTOR_FEATURE_BASE"))).toEqual([expect.stringContaining('VICTOR_FEATURE_BASE="enabled" is not a boolean')]);
    expect(logger.warnings.filter((w) => w.includes("VICTOR_FEATURE_UNKNOWN_THING"))).toHaveLength(1);
    // the undeclared override still applies, as an ad-hoc flag (as in the core manager)
    expect(m.isEnabled("unknown_thing")).toBe(true);
  });

  it("keeps the anonymous subject across restarts with storagePath", () => {
    const storagePath = join(tempDir(), "state", "victor-flags.json");
    const first = createNodeManager({ config, profilePath: false, env: {}, storagePath }).getSubject();
    const second = createNodeManager({ config, profilePath: false, env: {}, storagePath }).getSubject();
    expect(second).toBe(first);
    expect(createFileStorage(storagePath).getItem(ANONYMOUS_ID_KEY)).toBe(first);
  });
});

describe("applyProfile", () => {
  it("merges profile values over the document's feature_flags without touching the input", () => {
    const doc = loadCatalogue();
    doc.feature_flags = { lazy_loading_enabled: false, parallel_execution_enabled: true };
    const merged = applyProfile(doc, { featureFlags: { lazy_loading_enabled: true } });
    expect(merged.feature_flags).toEqual({ lazy_loading_enabled: true, parallel_execution_enabled: true });
    expect(doc.feature_flags.lazy_loading_enabled).toBe(false);
  });
});
