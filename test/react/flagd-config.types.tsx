// Type test, checked by `tsc -p tsconfig.json` (npm test's typecheck), not run: `FlagConfig`
// describes flagd flags, so a flagd document (a literal or a JSON import) is a config without
// `flagdConfig()`, while a Victor flag keeps its strict shape. Each `@ts-expect-error` fails the
// check when the type stops rejecting that mistake.
import { FeatureFlagManager, FlagProvider, StaticFlagProvider, type FlagConfig } from "@victor-flags/react";
import flagdJson from "./fixtures/flagd-flags.json";

const flagdDoc = {
  $evaluators: { beta: { in: [{ var: "email" }, ["ana@example.com"]] } },
  metadata: { team: "web" },
  flags: {
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
      metadata: { owner: "copy", tier: 2, beta: false },
    },
    "limits.api": { state: "DISABLED", variants: { free: 0, pro: 1000 }, defaultVariant: null },
  },
} satisfies FlagConfig;

export const fromLiteral = new FeatureFlagManager({ config: flagdDoc });
export const fromJson = new FeatureFlagManager({ config: flagdJson });
export const provided = <FlagProvider config={flagdDoc}>{null}</FlagProvider>;
export const providedJson = <StaticFlagProvider config={flagdJson}>{null}</StaticFlagProvider>;

// Victor and flagd flags in one document.
export const mixed: FlagConfig = {
  version: 1,
  flags: {
    legacy: { default: true, dependencies: ["new-checkout"], rollout: { percentage: 10 } },
    "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
  },
  experiments: { exp: { variants: ["a", "b"], weights: [0.5, 0.5] } },
  feature_flags: { legacy: false },
};

export const mistakes: FlagConfig[] = [
  // @ts-expect-error a typo'd key in a Victor flag
  { version: 1, flags: { a: { default: true, descripton: "x" } } },
  // @ts-expect-error a Victor flag's default is a boolean
  { version: 1, flags: { a: { default: "yes" } } },
  // @ts-expect-error a flagd flag needs variants
  { flags: { a: { state: "ENABLED" } } },
  // @ts-expect-error a typo'd key in a flagd flag
  { flags: { a: { state: "ENABLED", variants: { on: true }, defaultVarient: "on" } } },
  // @ts-expect-error Victor's keys do not mix into a flagd flag
  { flags: { a: { state: "ENABLED", variants: { on: true }, dependencies: ["b"] } } },
  // @ts-expect-error nor flagd's into a Victor flag
  { version: 1, flags: { a: { default: true, variants: { on: true } } } },
  // @ts-expect-error flagd metadata is flat
  { flags: { a: { state: "ENABLED", variants: { on: true }, metadata: { nested: { no: 1 } } } } },
  // @ts-expect-error a rule is an object
  { flags: { a: { state: "ENABLED", variants: { on: true }, targeting: "on" } } },
  // @ts-expect-error a typo'd top-level key
  { version: 1, flags: {}, experiment: {} },
];
