// The OpenFeature specification's own evaluation scenarios (open-feature/spec,
// specification/assets/gherkin/evaluation_v2.feature, and the older evaluation.feature), run
// against both providers through the real SDKs wherever our flag model has the concept. Its flags
// (test-flags.json) are mirrored in SPEC_CONFIG under snake_case keys, since flag names are
// snake_case here. docs/openfeature.md lists the scenarios that do not apply, and why.
import { OpenFeature as WebOpenFeature, type EvaluationDetails, type FlagValue, type Hook, type JsonValue } from "@openfeature/web-sdk";
import { OpenFeature as ServerOpenFeature } from "@openfeature/server-sdk";
import { FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import { VictorServerProvider, VictorWebProvider, type VictorProviderOptions } from "@victor-flags/openfeature";
import { afterEach, describe, expect, it } from "vitest";
import { settle } from "./helpers.js";

/** test-flags.json in our model: booleans are flags, string flags are experiments (value = variant). */
const SPEC_CONFIG: FlagConfig = {
  version: 1,
  flags: {
    boolean_flag: { default: true }, // variants on/off, defaultVariant "on"
    boolean_zero_flag: { default: false }, // defaultVariant "zero" (false)
    metadata_flag: { default: true, metadata: { string: "1.0.2", integer: 2, float: 0.1, boolean: true } },
    // "disabled in the management system": our dependency gate turns a flag off for everyone.
    kill_switch: { default: false },
    boolean_disabled_flag: { default: true, dependencies: ["kill_switch"] },
  },
  experiments: {
    string_flag: { variants: ["hi", "bye"], weights: [1, 0] }, // greeting "hi" is the default variant
    wrong_flag: { variants: ["uno", "dos"], weights: [1, 0] },
  },
};

type FlagType = "Boolean" | "String" | "Integer" | "Float" | "Object";

/** The scenario's default column as a typed value. */
function parseDefault(type: FlagType, text: string): FlagValue {
  if (type === "Boolean") return text === "true";
  if (type === "Integer" || type === "Float") return Number(text);
  if (type === "Object") return JSON.parse(text) as JsonValue;
  return text;
}

interface Harness {
  readonly name: string;
  /** "Given a stable provider" with these options. */
  stable(options: VictorProviderOptions): Promise<void>;
  /** "Given a not ready provider": its manager's source is still loading. */
  notReady(): Promise<void>;
  /** "Given a error provider": its config failed to load. */
  error(): Promise<void>;
  /** "Given a stale provider": its source fails while the last good config serves. */
  stale(): Promise<void>;
  status(): string;
  details(type: FlagType, key: string, defaultValue: FlagValue, context?: Record<string, unknown>, hooks?: Hook[]): Promise<EvaluationDetails<FlagValue>>;
}

const web: Harness = {
  name: "VictorWebProvider (@openfeature/web-sdk)",
  stable: (options) => WebOpenFeature.setProviderAndWait(new VictorWebProvider(options)),
  async notReady() {
    const manager = new FeatureFlagManager();
    manager.reportStatus({ ready: false, loading: true });
    WebOpenFeature.setProvider(new VictorWebProvider({ manager }));
    await settle();
  },
  error: () => WebOpenFeature.setProviderAndWait(new VictorWebProvider({ config: { version: 1, flags: { Bad: {} } } as never })).catch(() => {}),
  async stale() {
    const manager = new FeatureFlagManager({ config: SPEC_CONFIG });
    await WebOpenFeature.setProviderAndWait(new VictorWebProvider({ manager }));
    manager.reportStatus({ error: new Error("GET /flags.json: HTTP 503"), stale: true });
  },
  status: () => WebOpenFeature.getClient().providerStatus,
  async details(type, key, defaultValue, context, hooks) {
    if (context) await WebOpenFeature.setContext(context as never);
    const client = WebOpenFeature.getClient();
    const options = hooks ? { hooks } : undefined;
    if (type === "Boolean") return client.getBooleanDetails(key, defaultValue as boolean, options);
    if (type === "String") return client.getStringDetails(key, defaultValue as string, options);
    if (type === "Object") return client.getObjectDetails(key, defaultValue as JsonValue, options);
    return client.getNumberDetails(key, defaultValue as number, options);
  },
};

const server: Harness = {
  name: "VictorServerProvider (@openfeature/server-sdk)",
  stable: (options) => ServerOpenFeature.setProviderAndWait(new VictorServerProvider(options)),
  async notReady() {
    const manager = new FeatureFlagManager();
    manager.reportStatus({ ready: false, loading: true });
    ServerOpenFeature.setProvider(new VictorServerProvider({ manager }));
    await settle();
  },
  error: () => ServerOpenFeature.setProviderAndWait(new VictorServerProvider({ config: { version: 1, flags: { Bad: {} } } as never })).catch(() => {}),
  async stale() {
    const manager = new FeatureFlagManager({ config: SPEC_CONFIG });
    await ServerOpenFeature.setProviderAndWait(new VictorServerProvider({ manager }));
    manager.reportStatus({ error: new Error("GET /flags.json: HTTP 503"), stale: true });
  },
  status: () => ServerOpenFeature.getClient().providerStatus,
  async details(type, key, defaultValue, context = {}, hooks) {
    const client = ServerOpenFeature.getClient();
    const options = hooks ? { hooks } : undefined;
    if (type === "Boolean") return client.getBooleanDetails(key, defaultValue as boolean, context as never, options);
    if (type === "String") return client.getStringDetails(key, defaultValue as string, context as never, options);
    if (type === "Object") return client.getObjectDetails(key, defaultValue as JsonValue, context as never, options);
    return client.getNumberDetails(key, defaultValue as number, context as never, options);
  },
};

afterEach(async () => {
  await WebOpenFeature.clearProviders();
  await WebOpenFeature.setContext({});
  await ServerOpenFeature.clearProviders();
});

describe.each([web, server])("OpenFeature spec scenarios — $name", (h) => {
  const stable = () => h.stable({ config: SPEC_CONFIG });

  describe("evaluation_v2.feature", () => {
    it.each([
      ["Boolean", "boolean_flag", "false", true],
      ["String", "string_flag", "bye", "hi"],
    ] as const)("Resolve values: %s %s (default %s) resolves to %s", async (type, key, dflt, resolved) => {
      await stable();
      expect((await h.details(type, key, parseDefault(type, dflt))).value).toEqual(resolved);
    });

    it("Resolves zero value: boolean_zero_flag resolves false with reason STATIC", async () => {
      await stable();
      expect(await h.details("Boolean", "boolean_zero_flag", true)).toMatchObject({ value: false, reason: "STATIC" });
    });

    it.each([
      ["Boolean", "false"],
      ["String", "bye"],
      ["Integer", "1"],
      ["Float", "0.1"],
      ["Object", '{"a": 1}'],
    ] as const)("Flag not found error: %s non-existent-flag gives the default, ERROR, FLAG_NOT_FOUND", async (type, dflt) => {
      await stable();
      const details = await h.details(type, "non-existent-flag", parseDefault(type, dflt));
      expect(details).toMatchObject({ value: parseDefault(type, dflt), reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
    });

    it.each([
      ["boolean_flag", "String", "bye"],
      ["string_flag", "Boolean", "false"],
      ["string_flag", "Integer", "1"],
      ["string_flag", "Object", "{}"],
    ] as const)("Type mismatch error: %s requested as %s gives the default, ERROR, TYPE_MISMATCH", async (key, type, dflt) => {
      await stable();
      expect(await h.details(type, key, parseDefault(type, dflt))).toMatchObject({ value: parseDefault(type, dflt), reason: "ERROR", errorCode: "TYPE_MISMATCH" });
    });

    it.each([
      ["Boolean", "boolean_flag", "false"],
      ["String", "string_flag", "bye"],
      ["Integer", "integer-flag", "1"],
      ["Float", "float-flag", "0.1"],
      ["Object", "object-flag", '{"a": 1}'],
    ] as const)("Provider not ready error: %s %s gives the default, ERROR, PROVIDER_NOT_READY", async (type, key, dflt) => {
      await h.notReady();
      expect(await h.details(type, key, parseDefault(type, dflt))).toMatchObject({ value: parseDefault(type, dflt), reason: "ERROR", errorCode: "PROVIDER_NOT_READY" });
    });

    it.each([
      ["Boolean", "boolean_flag", "false", true, "on"],
      ["String", "string_flag", "bye", "hi", "hi"],
    ] as const)("Complete evaluation details structure: %s %s has value, flag key, variant and STATIC", async (type, key, dflt, value, variant) => {
      await stable();
      expect(await h.details(type, key, parseDefault(type, dflt))).toMatchObject({ value, flagKey: key, variant, reason: "STATIC" });
    });

    it("Flag metadata in evaluation details: metadata_flag carries string, integer, float and boolean", async () => {
      await stable();
      const { flagMetadata } = await h.details("Boolean", "metadata_flag", true);
      expect(flagMetadata).toMatchObject({ string: "1.0.2", integer: 2, float: 0.1, boolean: true });
      expect(typeof flagMetadata["integer"]).toBe("number");
      expect(typeof flagMetadata["boolean"]).toBe("boolean");
    });

    it("Null context values: a context attribute set to null does not disturb evaluation", async () => {
      await stable();
      expect(await h.details("Boolean", "boolean_flag", false, { targetingKey: "u-1", email: null })).toMatchObject({ value: true, reason: "STATIC" });
    });

    it.each([
      ["Boolean", "boolean_flag", "false", "on"],
      ["String", "string_flag", "bye", "hi"],
    ] as const)("Variant field population: %s %s has variant %s", async (type, key, dflt, variant) => {
      await stable();
      expect((await h.details(type, key, parseDefault(type, dflt))).variant).toBe(variant);
    });

    it("DISABLED reason: boolean_disabled_flag gives false with reason DISABLED", async () => {
      await stable();
      expect(await h.details("Boolean", "boolean_disabled_flag", false)).toMatchObject({ value: false, reason: "DISABLED" });
    });

    it('Error message in evaluation details: error-flag gives ERROR and "flag error-flag not found"', async () => {
      await stable();
      const details = await h.details("Boolean", "error-flag", false);
      expect(details.reason).toBe("ERROR");
      expect(details.errorMessage).toContain("flag error-flag not found");
    });

    it.each([
      ["stable", "READY"],
      ["not ready", "NOT_READY"],
      ["error", "ERROR"],
      ["stale", "STALE"],
    ] as const)("Provider status accessibility: a %s provider has status %s", async (given, status) => {
      if (given === "stable") await stable();
      else if (given === "not ready") await h.notReady();
      else if (given === "error") await h.error();
      else await h.stale();
      expect(h.status()).toBe(status);
    });

    it("Evaluation options with hooks: the specified hooks run during evaluation, in order", async () => {
      await stable();
      const calls: string[] = [];
      const hook = (name: string): Hook => ({
        before: () => void calls.push(`${name}.before`),
        after: () => void calls.push(`${name}.after`),
        finally: () => void calls.push(`${name}.finally`),
      });
      await h.details("Boolean", "boolean_flag", false, undefined, [hook("a"), hook("b")]);
      expect(calls).toEqual(["a.before", "b.before", "b.after", "a.after", "b.finally", "a.finally"]);
    });

    it.each([
      ["string_flag", "Boolean", "false"],
      ["boolean_flag", "String", "bye"],
      ["boolean_flag", "Integer", "1"],
      ["boolean_flag", "Float", "0.1"],
    ] as const)("Default value type validation: %s as %s gives the default and TYPE_MISMATCH", async (key, type, dflt) => {
      await stable();
      expect(await h.details(type, key, parseDefault(type, dflt))).toMatchObject({ value: parseDefault(type, dflt), errorCode: "TYPE_MISMATCH" });
    });

    it("Evaluation context immutability: the context is left as it was, the metadata is frozen", async () => {
      await stable();
      const context = { targetingKey: "u-1", plan: "pro", signedUp: new Date(0), nested: { a: [1, 2] } };
      const copy = structuredClone(context);
      const details = await h.details("Boolean", "metadata_flag", false, context);
      expect(context).toEqual(copy);
      expect(Object.isFrozen(details.flagMetadata)).toBe(true);
    });
  });

  describe("evaluation.feature (deprecated)", () => {
    it("Resolves boolean details: true, variant on, STATIC", async () => {
      await stable();
      expect(await h.details("Boolean", "boolean_flag", false)).toMatchObject({ value: true, variant: "on", reason: "STATIC" });
    });

    it("Resolves string details: hi, STATIC (the variant is the value in our model)", async () => {
      await stable();
      expect(await h.details("String", "string_flag", "bye")).toMatchObject({ value: "hi", variant: "hi", reason: "STATIC" });
    });

    it("Flag not found: missing-flag as a string gives uh-oh with FLAG_NOT_FOUND", async () => {
      await stable();
      expect(await h.details("String", "missing-flag", "uh-oh")).toMatchObject({ value: "uh-oh", reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
    });

    it("Type error: wrong_flag (a string flag) as an integer gives 13 with TYPE_MISMATCH", async () => {
      await stable();
      expect(await h.details("Integer", "wrong_flag", 13)).toMatchObject({ value: 13, reason: "ERROR", errorCode: "TYPE_MISMATCH" });
    });

    it("Resolves based on context (our analogue: the targeting key picks the bucket)", async () => {
      await h.stable({ config: { version: 1, flags: {}, experiments: { context_aware: { variants: ["INTERNAL", "EXTERNAL"], weights: [0.5, 0.5] } } } });
      const answers = new Set<FlagValue>();
      for (let i = 0; i < 40; i++) answers.add((await h.details("String", "context_aware", "none", { targetingKey: `customer-${i}` })).value);
      expect([...answers].sort()).toEqual(["EXTERNAL", "INTERNAL"]);
      const first = (await h.details("String", "context_aware", "none", { targetingKey: "customer-0" })).value;
      expect((await h.details("String", "context_aware", "none", { targetingKey: "customer-0" })).value).toBe(first);
    });
  });
});

describe("evaluation_v2.feature: Asynchronous flag evaluation (server SDK)", () => {
  it("completes without blocking and equals the synchronous (web) answer", async () => {
    await server.stable({ config: SPEC_CONFIG });
    await web.stable({ config: SPEC_CONFIG });
    const pending = server.details("Boolean", "boolean_flag", false);
    expect(pending).toBeInstanceOf(Promise);
    const sync = WebOpenFeature.getClient().getBooleanDetails("boolean_flag", false);
    expect(await pending).toEqual(sync);
  });
});
