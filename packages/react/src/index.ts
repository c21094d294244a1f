export { FlagProvider } from "./flag-provider.js";
export type { FlagProviderProps, UrlSourceProps, RemoteProviderOptions } from "./flag-provider.js";
export { StaticFlagProvider } from "./static-flag-provider.js";
export type { StaticFlagProviderProps } from "./static-flag-provider.js";
export type { ManagerSourceProps, ConfigSourceProps, ManagerPassThroughOptions } from "./provider-core.js";
export { FlagProviderMissingError } from "./flag-context.js";
export { useFlagManager } from "./use-flag-manager.js";
export { useFlagStore } from "./use-provider-store.js";
export { useFlag } from "./use-flag.js";
export { useVariant } from "./use-variant.js";
export { useFlagMetadata } from "./use-flag-metadata.js";
export { useFlagsStatus } from "./use-flags-status.js";
export { FeatureGate, Variant } from "./feature-gate.js";
export type { FeatureGateProps, VariantProps } from "./feature-gate.js";

// The core names a React app needs, so one import serves the whole app.
export { FeatureFlagManager, FlagsError, ConfigError, DependencyError, InvalidArgumentError, validateConfig } from "@victor-flags/core";
export type {
  FlagStore,
  FeatureFlagManagerOptions,
  FlagConfig,
  FlagDefinition,
  FlagdDefinition,
  ExperimentDefinition,
  FlagContext,
  FlagMetadata,
  FlagsStatus,
  FlagsSnapshot,
  ConfigOrigin,
  ExposureEvent,
  Explanation,
  KeyValueStorage,
  Logger,
} from "@victor-flags/core";
export type { QaOverridesProps } from "./flag-provider.js";
export type { QaOverridesProp } from "./apply-qa-overrides.js";
export { applyQaOverrides } from "@victor-flags/core/qa";
export type { Register, FlagName, ExperimentName, VariantOf } from "@victor-flags/core";
export type { QaOverrideOptions, QaOverrideReport } from "@victor-flags/core/qa";
