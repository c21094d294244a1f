import { describe, expect, it } from "vitest";
import { ConfigFileError, loadConfigFile, readConfigFile } from "@victor-flags/node";
import { loadCatalogue } from "../fixtures/catalogue";
import { tempDir, tempFile } from "./helpers/temp-files";
import { join } from "node:path";
import { thrown } from "../fixtures/thrown.js";

describe("config files", () => {
  it("loads a valid JSON config and keeps validation warnings with their positions", () => {
    const doc = { ...loadCatalogue(), extra: true };
    const path = tempFile("flags.json", doc);
    const loaded = loadConfigFile(path);
    expect(loaded.document.flags.dynamic_skills_enabled!.default).toBe(false);
    expect(loaded.warnings).toEqual([{ path: "extra", message: 'unknown top-level key "extra" is ignored', line: expect.any(Number), column: 3 }]);
  });

  it("lists every validation problem with file:line:column", () => {
    const text = ['{', '  "version": 1,', '  "flags": {', '    "a": { "default": "yes", "dependencies": ["b"] },', '    "b": { "default": false, "dependencies": ["a"] }', "  }", "}", ""].join("\n");
    const path = tempFile("flags.json", text);
    const error = thrown<ConfigFileError>(() => loadConfigFile(path));
    expect(error.kind).toBe("invalid");
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: "flags.a.default", message: 'must be a boolean, got "yes"', line: 4, column: 12 },
        expect.objectContaining({ path: "flags.a.dependencies", message: "dependency cycle: a -> b -> a", line: 4 }),
      ]),
    );
    expect(error.message).toContain(`${path}:4:12: flags.a.default: must be a boolean, got "yes"`);
  });

  it("reports a JSON syntax error at its line and column", () => {
    const path = tempFile("flags.json", '{\n  "version": 1,\n  "flags": {\n    "a": { "default": true },\n  }\n}\n');
    const error = thrown<ConfigFileError>(() => readConfigFile(path));
    expect(error.kind).toBe("syntax");
    expect(error.problems[0]).toMatchObject({ line: 5, column: 3 });
    expect(error.message).toMatch(/flags\.json:5:3: invalid JSON: /);
    const truncated = thrown<ConfigFileError>(() => readConfigFile(tempFile("cut.json", '{\n  "version": ')));
    expect(truncated.problems[0]).toMatchObject({ line: 2, column: 14, message: "invalid JSON: unexpected end of file" });
  });

  it("reads YAML configs too, with YAML errors located", () => {
    const ok = tempFile("flags.yaml", "version: 1\nflags:\n  dark_mode:\n    default: true\n");
    expect(loadConfigFile(ok).document.flags.dark_mode!.default).toBe(true);
    const bad = tempFile("flags.yml", "version: 1\nflags:\n  dark_mode:\n    default: true\n   oops: 1\n");
    const error = thrown<ConfigFileError>(() => loadConfigFile(bad));
    expect(error.kind).toBe("syntax");
    expect(error.problems[0]!.line).toBe(5);
  });

  it("says plainly that a config file is missing", () => {
    const path = join(tempDir(), "nope.json");
    const error = thrown<ConfigFileError>(() => loadConfigFile(path));
    expect(error.kind).toBe("not-found");
    expect(error.message).toBe(`${path}: config file not found`);
  });
});
