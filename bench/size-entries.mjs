// What the size benches bundle. Each entry is an ES module that re-exports exactly what an app
// imports, so tree-shaking keeps what that app would ship and nothing else.

/** Our entries with a budget in size-budgets.json (checked by size-check.mjs on `npm test`). */
export const BUDGETED = {
  "core full": {
    packages: ["core"],
    code: `export * from "@victor-flags/core";`,
    what: "everything @victor-flags/core exports (remote, metrics, health included)",
  },
  "react full": {
    packages: ["core", "react"],
    code: `export * from "@victor-flags/react";`,
    what: "everything @victor-flags/react exports, with the core it pulls in",
  },
  "app (FlagProvider url + hooks)": {
    packages: ["core", "react"],
    code: `export { FlagProvider, useFlag, useVariant, FeatureGate, useFlagsStatus } from "@victor-flags/react";`,
    what: "<FlagProvider url> (remote loading, cache, bootstrap), useFlag, useVariant, FeatureGate, useFlagsStatus: the realistic app",
  },
  "core/metrics (whole entry)": {
    packages: ["core"],
    code: `export * from "@victor-flags/core/metrics";`,
    what: "everything @victor-flags/core/metrics exports: registry, exposure reporter, OTLP (over the light store, no manager)",
  },
  "core/health (whole entry)": {
    packages: ["core"],
    code: `export * from "@victor-flags/core/health";`,
    what: "everything @victor-flags/core/health exports, up front (the manager auto rollback composes loads with import())",
  },
  "minimal (static config + useFlag)": {
    packages: ["core", "react"],
    code: `export { StaticFlagProvider, useFlag } from "@victor-flags/react";`,
    what: "<StaticFlagProvider config> and useFlag: an app on a static config",
  },
};

/**
 * The realistic app import, per SDK: provider + boolean hook + variant hook + gate + remote
 * loading, or the nearest each SDK has (`gaps` says what it lacks and how that skews the size).
 */
export const APP_IMPORTS = {
  victor: {
    packages: ["core", "react"],
    code: `export { FlagProvider, useFlag, useVariant, FeatureGate, useFlagsStatus } from "@victor-flags/react";`,
    uses: "FlagProvider (url: remote source), useFlag, useVariant, FeatureGate, useFlagsStatus",
    gaps: "",
  },
  growthbook: {
    code: [
      `export { GrowthBook } from "@growthbook/growthbook";`,
      `export { GrowthBookProvider, useFeatureIsOn, useFeatureValue, IfFeatureEnabled } from "@growthbook/growthbook-react";`,
    ].join("\n"),
    uses: "GrowthBook (init loads remotely), GrowthBookProvider, useFeatureIsOn, useFeatureValue, IfFeatureEnabled",
    gaps: "",
  },
  openfeature: {
    code: [
      `export { OpenFeature } from "@openfeature/web-sdk";`,
      `export { OpenFeatureProvider, useBooleanFlagValue, useStringFlagValue, FeatureFlag } from "@openfeature/react-sdk";`,
    ].join("\n"),
    uses: "OpenFeature, OpenFeatureProvider, useBooleanFlagValue, useStringFlagValue, FeatureFlag",
    gaps: "no remote loading: that needs a vendor or OFREP provider (not installed), so this is a lower bound",
  },
  unleash: {
    code: `export { FlagProvider, useFlag, useVariant } from "@unleash/proxy-client-react";`,
    uses: "FlagProvider (its UnleashClient fetches), useFlag, useVariant",
    gaps: "no gate component (apps write useFlag + a conditional)",
  },
  launchdarkly: {
    code: `export { asyncWithLDProvider, useFlags, useLDClient } from "launchdarkly-react-client-sdk";`,
    uses: "asyncWithLDProvider (its client fetches and streams), useFlags (booleans and variants alike), useLDClient",
    gaps: "no gate component; one useFlags hook serves booleans and variants",
  },
};
