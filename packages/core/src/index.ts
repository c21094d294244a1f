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
export type { FetchLike, FetchInit, FetchResponseLike, EventSourceLike, EventSourceFactory, EventSourceMessageLike } from "./platform.js";
export type { ConfigTarget } from "./remote/config-target.js";
export { FeatureMetrics } from "./metrics/feature-metrics.js";
export type { ExecutionRecord, FeatureMetricsSummary, FeatureMetricsOptions } from "./metrics/feature-metrics.js";
export { FeatureMetricsRegistry, getFeatureMetricsRegistry } from "./metrics/metrics-registry.js";
export type { FeatureMetricsRegistryOptions } from "./metrics/metrics-registry.js";
export { LatencyWindow, DEFAULT_LATENCY_WINDOW } from "./metrics/latency-window.js";
export type { LatencyPercentiles, RecentExecutionStats } from "./metrics/latency-window.js";
export { createExposureReporter } from "./metrics/exposure-tracker.js";
export type { ExposureReporter, ExposureReporterOptions, ExposureReporterStats, ExposureRetryOptions } from "./metrics/exposure-tracker.js";
export type { ExposureBatch, ExposureCount } from "./metrics/exposure-aggregate.js";
export { jsonExposureFormat, isRetryableStatus } from "./metrics/exposure-payload.js";
export type { ExposureFormat, ExposurePayload, ReporterInfo } from "./metrics/exposure-payload.js";
export type { ReporterFetch, ReporterResponse, BeaconSender, PageLifecycle } from "./platform.js";
export { exposuresToOtlp, otlpExposureFormat, featureMetricsToOtlp, pushFeatureMetricsOtlp, OTLP_DELTA, OTLP_CUMULATIVE } from "./metrics/otlp-exporter.js";
export type { OtlpMetricsRequest, OtlpMetric, OtlpNumberDataPoint, OtlpSummaryDataPoint, OtlpKeyValue, OtlpAnyValue, OtlpResourceOptions, PushOtlpOptions } from "./metrics/otlp-exporter.js";
export { FeatureHealthChecker } from "./health/health-checker.js";
export type { HealthCheckResult, ResourceCheckOptions, PerformanceCheckOptions, FeatureHealthCheckerOptions } from "./health/health-checker.js";
export { createBrowserResourceProbe } from "./health/probes.js";
export type { ResourceProbe, ResourceSample } from "./health/probes.js";
export { classifyHealth, DEFAULT_DEGRADED_RATIO } from "./health/thresholds.js";
export type { HealthStatus } from "./health/thresholds.js";
export { watchHealth } from "./health/watch-health.js";
export type { WatchHealthOptions, HealthWatch } from "./health/watch-health.js";
export { applyQaOverrides } from "./qa-overrides.js";
export type { QaOverrideOptions, QaOverrideReport, QaOverrideProblem, QaProblemReason, AppliedQaOverride, QaOrigin } from "./qa-overrides.js";
export { parseQaOverrides, formatQaOverrides, QA_PARAM, QA_STORAGE_KEY } from "./qa-syntax.js";
export type { QaEntry, QaOverrideValues } from "./qa-syntax.js";
export type { Register, FlagName, ExperimentName, VariantOf } from "./register.js";
