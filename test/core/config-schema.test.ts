import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_NAME_LENGTH, validateConfig } from "@victor-flags/core";
import { loadCatalogue } from "../fixtures/catalogue.js";

const schema = JSON.parse(readFileSync(new URL("../../packages/core/schema/config.schema.json", import.meta.url), "utf8")) as {
  required: string[];
  then: { required: string[] };
  properties: Record<string, unknown>;
  $defs: { flag: { required: string[]; properties: Record<string, unknown> }; experiment: { required: string[]; properties: Record<string, unknown> } };
};

// The schema serves editors; validateConfig is the authority. These checks keep them describing
// the same document: a key the schema offers must be one validateConfig accepts without warning.
describe("published JSON Schema", () => {
  it("requires exactly version and flags, and in a flag only default", () => {
    // version only once Victor's shapes appear: a flagd document is valid as it is (issue 18)
    expect(schema.required).toEqual(["flags"]);
    expect(schema.then.required).toEqual(["version"]);
    expect(schema.$defs.flag.required).toEqual(["default"]);
    expect(schema.$defs.experiment.required).toEqual(["variants", "weights"]);
  });

  it("lists only keys that validateConfig accepts without warnings", () => {
    const flag = Object.fromEntries(Object.keys(schema.$defs.flag.properties).map((k) => [k, undefined]));
    const doc = loadCatalogue();
    const first = Object.keys(doc.flags)[0]!;
    const withAll = { ...flag, ...doc.flags[first] };
    delete (withAll as Record<string, unknown>).name;
    const result = validateConfig({ ...doc, flags: { ...doc.flags, [first]: withAll } });
    expect(result.warnings.filter((w) => w.path.startsWith(`flags.${first}`))).toEqual([]);
    // flagd's top-level keys ($evaluators, metadata) included
    for (const key of Object.keys(schema.properties)) {
      const top = validateConfig({ version: 1, flags: {}, [key]: key === "version" ? 1 : key === "$schema" ? "x" : {} });
      expect(top.warnings, key).toEqual([]);
    }
  });

  it("takes what validateConfig takes at the edges: targeting null, names up to MAX_NAME_LENGTH", () => {
    const s = schema as unknown as {
      properties: { flags: { propertyNames: { maxLength: number } }; experiments: { propertyNames: { maxLength: number } } };
      $defs: { flagdFlag: { properties: { targeting: { anyOf: unknown[] } } } };
    };
    expect(s.$defs.flagdFlag.properties.targeting.anyOf).toContainEqual({ type: "null" });
    expect(validateConfig({ flags: { x: { state: "ENABLED", variants: { on: true }, defaultVariant: "on", targeting: null } } }).valid).toBe(true);
    expect(s.properties.flags.propertyNames.maxLength).toBe(MAX_NAME_LENGTH);
    expect(s.properties.experiments.propertyNames.maxLength).toBe(MAX_NAME_LENGTH);
    expect(validateConfig({ flags: { ["a".repeat(MAX_NAME_LENGTH + 1)]: { state: "ENABLED", variants: { on: true } } } }).valid).toBe(false);
  });

  it("is referenced by the shipped catalogue", () => {
    expect((loadCatalogue() as { $schema?: string }).$schema).toBe("../packages/core/schema/config.schema.json");
  });
});
