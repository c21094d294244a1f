export { FeatureFlagManager } from "./feature-flag-manager.js";
export type { FeatureFlagManagerOptions, SetFlagOptions, LoadConfigOptions, Evaluation } from "./feature-flag-manager.js";
export { getFeatureFlagManager, setFeatureFlagManager, resetFeatureFlagManager } from "./default-manager.js";
export { validateConfig, WEIGHT_SUM_TOLERANCE } from "./validate-config.js";
export { FlagsError, ConfigError, DependencyError, InvalidArgumentError, formatProblem } from "./errors.js";
export type { FlagsErrorCode } from "./errors.js";
export { StagedRolloutResolver, ABTestingResolver } from "./rollout-resolvers.js";
export type { StagedRolloutOptions, ABTestingOptions } from "./rollout-resolvers.js";
export { fnv1a32, bucketPosition, inRollout, assignVariant } from "./bucketing.js";
export { parseEnvOverrides, parseEnvBoolean, ENV_PREFIXES } from "./env-overrides.js";
export type { EnvOverrides, EnvProblem } from "./env-overrides.js";
export { ANONYMOUS_ID_KEY, getAnonymousId } from "./subject.js";
export { createMemoryStorage, detectStorage, consoleLogger } from "./platform.js";
export type { KeyValueStorage, Logger } from "./platform.js";
export type { CompiledExperiment } from "./compiled-config.js";
export type {
  JsonValue,
  RolloutStrategy,
  RolloutDefinition,
  FlagDefinition,
  ExperimentDefinition,
  FlagConfig,
  FlagContext,
  FlagSource,
  Explanation,
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
export { createRemoteSource } from "./remote/remote-source.js";
export type { RemoteSource } from "./remote/remote-source.js";
export type { RemoteSourceOptions, RemoteUrl } from "./remote/remote-options.js";
export type { RetryOptions } from "./remote/backoff.js";
export type { FetchLike, FetchInit, FetchResponseLike, EventSourceLike, EventSourceFactory, EventSourceMessageLike } from "./remote/remote-platform.js";
