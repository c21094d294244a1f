// `@victor-flags/core/metrics`: a separate entry, so an app that does not import it bundles none of it.
export { FeatureMetrics } from "./metrics/feature-metrics.js";
export type { ExecutionRecord, FeatureMetricsSummary, FeatureMetricsOptions } from "./metrics/feature-metrics.js";
export { FeatureMetricsRegistry, getFeatureMetricsRegistry } from "./metrics/metrics-registry.js";
export type { FeatureMetricsRegistryOptions } from "./metrics/metrics-registry.js";
export type { FlagStoreOrManager } from "./metrics/store-or-manager.js";
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
