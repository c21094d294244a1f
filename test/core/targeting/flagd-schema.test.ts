// The published JSON Schema must accept a flagd document as it is, mixed documents with a
// version, and the shipped Victor catalogue, and reject the flagd shapes that loading rejects.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { validateConfig } from "@victor-flags/core";
import { loadCatalogue } from "../../fixtures/catalogue.js";

type Validate = ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020") as new (o: object) => { compile(schema: object): Validate };
const schema = JSON.parse(readFileSync(new URL("../../../packages/core/schema/config.schema.json", import.meta.url), "utf8")) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const fractional = JSON.parse(readFileSync(new URL("./fixtures/fractional-vectors.json", import.meta.url), "utf8")) as { flags: object };

const flagdDoc = {
  $schema: "https://flagd.dev/schema/v0/flags.json",
  metadata: { team: "web", version: 3 },
  $evaluators: { beta: { in: [{ var: "email" }, ["a@x.io"]] } },
  flags: {
    "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: [{ $ref: "beta" }, "on"] } },
    bannerText: { state: "ENABLED", variants: { nl: "Hallo", en: "Hello" }, defaultVariant: null, metadata: { owner: "copy" } },
    "limits.api": { state: "DISABLED", variants: { low: 10, high: { burst: 100 } } },
    "empty-rule": { state: "ENABLED", variants: { a: [] }, defaultVariant: "a", targeting: {} },
  },
};

const ok = (doc: unknown) => {
  const valid = validate(doc);
  return valid ? "valid" : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ");
};

describe("JSON Schema and the flagd format", () => {
  it("accepts a flagd document as it is (no version)", () => {
    expect(ok(flagdDoc)).toBe("valid");
    expect(ok(fractional)).toBe("valid");
  });

  it("accepts a mixed document with a version, and the shipped catalogue", () => {
    expect(ok({ version: 1, ...flagdDoc, flags: { ...flagdDoc.flags, checkout_v2: { default: true, rollout: { percentage: 5 } } } })).toBe("valid");
    expect(ok(loadCatalogue())).toBe("valid");
  });

  it("still requires version once Victor's shapes appear", () => {
    expect(ok({ flags: { checkout_v2: { default: true } } })).not.toBe("valid");
    expect(ok({ flags: {}, experiments: {} })).not.toBe("valid");
  });

  it("rejects malformed flagd flags", () => {
    const bad = (flag: object) => ok({ flags: { f: flag } });
    expect(bad({ state: "ON", variants: { a: 1 } })).not.toBe("valid");
    expect(bad({ state: "ENABLED", variants: {} })).not.toBe("valid");
    expect(bad({ state: "ENABLED", variants: { a: 1 }, defaultVariant: 1 })).not.toBe("valid");
    expect(bad({ state: "ENABLED", variants: { a: 1 }, metadata: { nested: {} } })).not.toBe("valid");
    expect(bad({ state: "ENABLED", variants: { a: 1 }, targeting: { if: [], and: [] } })).not.toBe("valid");
    expect(ok({ ...flagdDoc, metadata: { list: [] } })).not.toBe("valid");
  });

  it("takes flagd-style keys and refuses prototype names", () => {
    for (const key of ["kebab-case", "camelCase", "dotted.key", "snake_case"]) expect(ok({ flags: { [key]: { state: "ENABLED", variants: { a: 1 } } } }), key).toBe("valid");
    for (const key of ["-leading", "has space", "constructor"]) expect(ok({ flags: { [key]: { state: "ENABLED", variants: { a: 1 } } } }), key).not.toBe("valid");
  });

  it("holds Victor flags to snake_case keys, as validateConfig does", () => {
    // a Victor flag (with default) under a flagd-only key: both refuse it, naming the key
    for (const key of ["new-checkout", "newCheckout", "new.checkout", "NewCheckout"]) {
      const doc = { version: 1, flags: { [key]: { default: true } } };
      expect(ok(doc), key).not.toBe("valid");
      const result = validateConfig(doc);
      expect(result.valid, key).toBe(false);
      expect(result.errors.map((e) => e.path), key).toContain(`flags.${key}`);
    }
    // the same flag under a snake_case key, and a flagd flag under any of those keys, pass both
    expect(ok({ version: 1, flags: { new_checkout: { default: true } } })).toBe("valid");
    expect(validateConfig({ version: 1, flags: { new_checkout: { default: true } } }).valid).toBe(true);
    for (const key of ["new-checkout", "newCheckout", "new.checkout"]) {
      const doc = { version: 1, flags: { [key]: { state: "ENABLED", variants: { on: true }, defaultVariant: "on" } } };
      expect(ok(doc), key).toBe("valid");
      expect(validateConfig(doc).valid, key).toBe(true);
    }
  });
});
