import { chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigFileError, loadProfile, ProfileError } from "@victor-flags/node";
import { loadCatalogue, recordingLogger } from "../fixtures/catalogue";
import { tempDir, tempFile } from "./helpers/temp-files";
import { thrown } from "../fixtures/thrown.js";

describe("loadProfile", () => {
  it("reads the feature_flags: map of the seed's profiles.yaml, ignoring other sections", () => {
    const path = tempFile(
      "profiles.yaml",
      ["# my machine", "default_profile: work", "feature_flags:", "  hierarchical_planning_enabled: true", "  dynamic_skills_enabled: false", "providers:", "  openai: { model: x }", ""].join("\n"),
    );
    const profile = loadProfile(path);
    expect(profile).toMatchObject({ path, found: true, featureFlags: { hierarchical_planning_enabled: true, dynamic_skills_enabled: false } });
  });

  it("treats a missing file, an empty file and a file without feature_flags as an empty profile", () => {
    const dir = tempDir();
    expect(loadProfile(join(dir, "nope.yaml"))).toEqual({ path: join(dir, "nope.yaml"), found: false, featureFlags: {}, values: {}, warnings: [] });
    expect(loadProfile(tempFile("empty.yaml", "")).featureFlags).toEqual({});
    expect(loadProfile(tempFile("other.yaml", "providers: {}\nfeature_flags:\n")).featureFlags).toEqual({});
  });

  it("reads unquoted yes/no/on/off as booleans, as PyYAML did for the original tool", () => {
    const path = tempFile("p.yaml", "feature_flags:\n  a: yes\n  b: Off\n  c: ON\n  d: no\n");
    expect(loadProfile(path).featureFlags).toEqual({ a: true, b: false, c: true, d: false });
  });

  it("rejects malformed YAML with the line and column", () => {
    const path = tempFile("bad.yaml", "feature_flags:\n  a: true\n   b: false\n");
    const error = thrown<ProfileError>(() => loadProfile(path));
    expect(error).toBeInstanceOf(ProfileError);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.kind).toBe("syntax");
    expect(error.problems[0]).toMatchObject({ line: 2, column: 6 });
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:6: invalid YAML: `));
  });

  it("rejects a duplicate key, pointing at the second one", () => {
    const error = thrown<ProfileError>(() => loadProfile(tempFile("dup.yaml", "feature_flags:\n  a: true\n  a: false\n")));
    expect(error.kind).toBe("syntax");
    expect(error.problems[0]).toMatchObject({ line: 3, column: 3 });
  });

  it("rejects every non-boolean value with its path and position, and says when quotes are the problem", () => {
    const path = tempFile("p.yaml", 'feature_flags:\n  a: maybe\n  b: 1\n  c: "true"\n  d:\n  ok: true\n');
    const error = thrown<ProfileError>(() => loadProfile(path));
    expect(error.kind).toBe("invalid");
    expect(error.problems).toEqual([
      { path: "feature_flags.a", message: 'must be true or false, got "maybe"', line: 2, column: 6 },
      { path: "feature_flags.b", message: "must be true or false, got number 1", line: 3, column: 6 },
      { path: "feature_flags.c", message: 'must be true or false, got "true" (quoted, so it is text: remove the quotes)', line: 4, column: 6 },
      { path: "feature_flags.d", message: "must be true or false, got an empty value", line: 5, column: 3 },
    ]);
    expect(error.message).toContain(`${path}:2:6: feature_flags.a: must be true or false, got "maybe"`);
  });

  it("rejects a profile whose root or feature_flags is not a mapping, and names that cannot be flags", () => {
    expect(thrown<ProfileError>(() => loadProfile(tempFile("list.yaml", "- a\n- b\n"))).problems[0]!.message).toContain("must be a YAML mapping");
    expect(thrown<ProfileError>(() => loadProfile(tempFile("ff.yaml", "feature_flags: [a, b]\n"))).problems[0]).toMatchObject({ path: "feature_flags", line: 1, column: 16 });
    expect(thrown<ProfileError>(() => loadProfile(tempFile("n.yaml", "feature_flags:\n  __proto__: true\n  9-lives: true\n"))).problems.map((p) => p.path)).toEqual([
      "feature_flags.__proto__",
      "feature_flags.9-lives",
    ]);
  });

  it("warns (without failing) about flags the config does not declare", () => {
    const logger = recordingLogger();
    const path = tempFile("p.yaml", "feature_flags:\n  lazy_loading_enabled: true\n  lazy_loadng_enabled: true\n");
    const profile = loadProfile(path, { config: loadCatalogue(), logger });
    expect(profile.featureFlags).toEqual({ lazy_loading_enabled: true, lazy_loadng_enabled: true });
    expect(profile.warnings).toEqual([expect.objectContaining({ path: "feature_flags.lazy_loadng_enabled", line: 3, column: 3 })]);
    expect(logger.warnings[0]).toContain(`${path}:3:3: feature_flags.lazy_loadng_enabled: value for undeclared flag "lazy_loadng_enabled" is ignored (did you mean "lazy_loading_enabled"?)`);
  });

  it("reports an unreadable path as an error, unlike a missing one", () => {
    const dir = tempDir();
    const error = thrown<ProfileError>(() => loadProfile(dir));
    expect(error).toBeInstanceOf(ProfileError);
    expect(error.kind).toBe("unreadable");
    expect(error.message).toContain("is a directory");
    if (process.getuid?.() !== 0) {
      const locked = tempFile("locked.yaml", "feature_flags: {}\n");
      chmodSync(locked, 0o000);
      expect(thrown<ProfileError>(() => loadProfile(locked)).kind).toBe("unreadable");
    }
  });
});
