// `@victor-flags/core/health`: a separate entry, so an app that does not import it bundles none of it.
export { FeatureHealthChecker } from "./health/health-checker.js";
export type { HealthCheckResult, ResourceCheckOptions, PerformanceCheckOptions, FeatureHealthCheckerOptions } from "./health/health-checker.js";
export { createBrowserResourceProbe } from "./health/probes.js";
export type { ResourceProbe, ResourceSample } from "./health/probes.js";
export { classifyHealth, DEFAULT_DEGRADED_RATIO } from "./health/thresholds.js";
export type { HealthStatus } from "./health/thresholds.js";
export { watchHealth } from "./health/watch-health.js";
export type { WatchHealthOptions, HealthWatch } from "./health/watch-health.js";
