export { FeatureFlagManager, managerFor } from "./feature-flag-manager.js";
export type { FeatureFlagManagerOptions, SetFlagOptions, LoadConfigOptions, Evaluation, FlagCallback, FlagChange } from "./manager-options.js";
export { getFeatureFlagManager, setFeatureFlagManager, resetFeatureFlagManager } from "./default-manager.js";
export { validateConfig, WEIGHT_SUM_TOLERANCE } from "./validate-config.js";
export { FlagsError, ConfigError, DependencyError, InvalidArgumentError, formatProblem } from "./errors.js";
export type { FlagsErrorCode } from "./errors.js";
export { StagedRolloutResolver, ABTestingResolver } from "./rollout-resolvers.js";
export type { StagedRolloutOptions, ABTestingOptions } from "./rollout-resolvers.js";
export { fnv1a32, bucketPosition, inRollout, assignVariant } from "./bucketing.js";
export { parseEnvOverrides, parseEnvBoolean, ENV_PREFIXES, createEnvFlagStore } from "./env-overrides.js";
export { resolveEnvOverrides } from "./env-overrides-typed.js";
export { isValidFlagName, isValidFlagKey, flagNameProblem, flagKeyProblem } from "./flag-name.js";
export { flagEnvVariable } from "./env-variable-names.js";
export type { FlagValueOverride } from "./typed-overrides.js";
export type { EnvOverrides, EnvProblem } from "./env-overrides.js";
export { ANONYMOUS_ID_KEY, getAnonymousId } from "./subject.js";
export { createMemoryStorage, detectStorage, consoleLogger } from "./platform.js";
export type { KeyValueStorage, Logger } from "./platform.js";
export type { CompiledExperiment } from "./flag-metadata.js";
export type { FlagValue, FlagValueDetails, FlagValueReason, FlagValueErrorCode } from "./flag-values.js";
export { createFlagStore } from "./flag-store.js";
export type { FlagStore, FlagStoreOptions, FlagsView, StoreWrite } from "./flag-store.js";
export { extendFlagStore } from "./flag-store-extension.js";
export type { ExtendedFlagStore, ListedFlagsView, StoreUpdate } from "./flag-store-extension.js";
export type {
  JsonValue,
  JsonInput,
  RolloutStrategy,
  RolloutDefinition,
  FlagDefinition,
  FlagdDefinition,
  FlagdMetadataConfig,
  ExperimentDefinition,
  FlagConfig,
  FlagContext,
  FlagSource,
  Explanation,
  ExplanationLayers,
  FlagdExplanationDetails,
  VariantExplanation,
  FlagMetadata,
  AuditValue,
  AuditEntry,
  ConfigOrigin,
  FlagsStatus,
  FlagsSnapshot,
  ExposureEvent,
  ConfigProblem,
  ValidationResult,
} from "./types.js";
export { RemoteError } from "./errors.js";
export type { RemoteFailureKind } from "./errors.js";
export type { Register, FlagName, ExperimentName, VariantOf, FlagValueKey, FlagFallbackOf, FlagValueOf } from "./register.js";
export { MAX_CONFIG_DEPTH, MAX_NESTED_VALUES, MAX_FLAGS, MAX_EXPERIMENTS, MAX_NAME_LENGTH, MAX_REPORTED_CYCLES, MAX_QA_ENTRIES, MAX_QA_TEXT_LENGTH } from "./limits.js";
