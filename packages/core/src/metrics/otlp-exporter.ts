// OTLP/HTTP JSON for teams that send telemetry to an OpenTelemetry Collector (POST
// <collector>/v1/metrics, Content-Type application/json). The JSON follows the OTLP
// encoding rules: lowerCamelCase field names, enums as integers, 64-bit integers (timestamps,
// counts) as decimal strings.

import type { FeatureMetricsRegistry } from "./metrics-registry.js";
import type { ExposureBatch, ExposureCount } from "./exposure-aggregate.js";
import type { ExposureFormat } from "./exposure-payload.js";
import { globalFetch, type ReporterFetch, type ReporterResponse } from "../platform/fetch.js";

/** An OTLP `AnyValue` as the exporters write it. */
export type OtlpAnyValue = { stringValue: string } | { boolValue: boolean } | { intValue: string } | { doubleValue: number };
/** An OTLP attribute. */
export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}
/** `NumberDataPoint` (sum and gauge points). */
export interface OtlpNumberDataPoint {
  attributes: OtlpKeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano: string;
  asInt?: string;
  asDouble?: number;
}
/** `SummaryDataPoint`. */
export interface OtlpSummaryDataPoint {
  attributes: OtlpKeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  count: string;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
}
/** One OTLP metric with exactly one of `sum`, `gauge` or `summary`. */
export type OtlpMetric = { name: string; description: string; unit: string } & (
  | { sum: { dataPoints: OtlpNumberDataPoint[]; aggregationTemporality: 1 | 2; isMonotonic: boolean } }
  | { gauge: { dataPoints: OtlpNumberDataPoint[] } }
  | { summary: { dataPoints: OtlpSummaryDataPoint[] } }
);
/** The body of `POST /v1/metrics` (`ExportMetricsServiceRequest`). */
export interface OtlpMetricsRequest {
  resourceMetrics: {
    resource: { attributes: OtlpKeyValue[] };
    scopeMetrics: { scope: { name: string; version?: string }; metrics: OtlpMetric[] }[];
  }[];
}

/** Who is reporting: becomes the OTLP resource and instrumentation scope. */
export interface OtlpResourceOptions {
  /** `service.name` (default "unknown_service", the OpenTelemetry default). */
  serviceName?: string;
  /** More resource attributes, e.g. `{ "deployment.environment": "prod" }`. */
  resourceAttributes?: Record<string, string | number | boolean>;
  /** Instrumentation scope name (default "@victor-flags/core"). */
  scopeName?: string;
  scopeVersion?: string;
}

/** `AGGREGATION_TEMPORALITY_DELTA` and `_CUMULATIVE` of the OTLP metrics proto. */
export const OTLP_DELTA = 1;
export const OTLP_CUMULATIVE = 2;

/** Encodes one exposure batch as a delta, monotonic `feature_flag.exposures` sum. */
export function exposuresToOtlp(batch: ExposureBatch, options: OtlpResourceOptions = {}): OtlpMetricsRequest {
  const start = nanos(batch.windowStart);
  const end = nanos(batch.windowEnd);
  const metric: OtlpMetric = {
    name: "feature_flag.exposures",
    description: "Distinct exposures of a flag value or experiment variant",
    unit: "{exposure}",
    sum: {
      aggregationTemporality: OTLP_DELTA,
      isMonotonic: true,
      dataPoints: batch.exposures.map((e) => ({ attributes: exposureAttributes(e), startTimeUnixNano: start, timeUnixNano: end, asInt: String(e.count) })),
    },
  };
  return request([metric], options);
}

/** An `ExposureFormat` that makes the exposure reporter speak OTLP/HTTP JSON. */
export function otlpExposureFormat(options: OtlpResourceOptions = {}): ExposureFormat {
  return {
    contentType: "application/json",
    encode: (batch) => JSON.stringify(exposuresToOtlp(batch, options)),
    // OTLP/HTTP: only 429, 502, 503 and 504 are retryable; other failures are permanent.
    isRetryable: (status) => status === 429 || status === 502 || status === 503 || status === 504,
  };
}

/**
 * Encodes a metrics registry: cumulative `feature.executions` and `feature.errors` sums, a
 * `feature.duration` summary (p50/p95/p99 over the recent window), and `feature.active_users`
 * and `feature.enabled` gauges, one series per feature.
 */
export function featureMetricsToOtlp(registry: FeatureMetricsRegistry, options: OtlpResourceOptions & { now?: number } = {}): OtlpMetricsRequest {
  const start = nanos(registry.startedAt);
  const now = nanos(options.now ?? Date.now());
  const executions: OtlpNumberDataPoint[] = [];
  const errors: OtlpNumberDataPoint[] = [];
  const users: OtlpNumberDataPoint[] = [];
  const enabled: OtlpNumberDataPoint[] = [];
  const durations: OtlpSummaryDataPoint[] = [];
  for (const name of registry.names()) {
    const metrics = registry.get(name)!;
    const summary = metrics.getSummary();
    const p = metrics.getLatencyPercentiles();
    const attributes = [attr("feature", name)];
    executions.push({ attributes, startTimeUnixNano: start, timeUnixNano: now, asInt: String(summary.executions) });
    errors.push({ attributes, startTimeUnixNano: start, timeUnixNano: now, asInt: String(summary.errors) });
    users.push({ attributes, timeUnixNano: now, asInt: String(summary.activeUsers) });
    enabled.push({ attributes, timeUnixNano: now, asInt: summary.enabled ? "1" : "0" });
    const quantileValues = p.samples === 0 ? [] : [{ quantile: 0.5, value: p.p50! }, { quantile: 0.95, value: p.p95! }, { quantile: 0.99, value: p.p99! }];
    durations.push({ attributes, startTimeUnixNano: start, timeUnixNano: now, count: String(summary.executions), sum: metrics.getTotalDurationMs(), quantileValues });
  }
  const cumulative = (dataPoints: OtlpNumberDataPoint[]) => ({ dataPoints, aggregationTemporality: OTLP_CUMULATIVE as 2, isMonotonic: true });
  return request(
    [
      { name: "feature.executions", description: "Executions of the code behind a feature", unit: "{execution}", sum: cumulative(executions) },
      { name: "feature.errors", description: "Failed executions", unit: "{error}", sum: cumulative(errors) },
      { name: "feature.duration", description: "Execution time; quantiles over the recent window", unit: "ms", summary: { dataPoints: durations } },
      { name: "feature.active_users", description: "Last reported active users", unit: "{user}", gauge: { dataPoints: users } },
      { name: "feature.enabled", description: "1 when the flag is on", unit: "1", gauge: { dataPoints: enabled } },
    ],
    options,
  );
}

/** Options of `pushFeatureMetricsOtlp`. */
export interface PushOtlpOptions extends OtlpResourceOptions {
  registry: FeatureMetricsRegistry;
  /** The collector's metrics endpoint, e.g. `http://127.0.0.1:4318/v1/metrics`. */
  url: string;
  headers?: Record<string, string>;
  fetch?: ReporterFetch;
}

/** POSTs `featureMetricsToOtlp(registry)` once; call it on your own schedule. */
export function pushFeatureMetricsOtlp(options: PushOtlpOptions): Promise<ReporterResponse> {
  const fetchFn = options.fetch ?? globalFetch;
  return fetchFn(options.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: JSON.stringify(featureMetricsToOtlp(options.registry, options)),
  });
}

function request(metrics: OtlpMetric[], options: OtlpResourceOptions): OtlpMetricsRequest {
  const attributes = [attr("service.name", options.serviceName ?? "unknown_service")];
  for (const [key, value] of Object.entries(options.resourceAttributes ?? {})) if (key !== "service.name") attributes.push(attr(key, value));
  const scope = options.scopeVersion === undefined ? { name: options.scopeName ?? "@victor-flags/core" } : { name: options.scopeName ?? "@victor-flags/core", version: options.scopeVersion };
  return { resourceMetrics: [{ resource: { attributes }, scopeMetrics: [{ scope, metrics }] }] };
}

function exposureAttributes(e: ExposureCount): OtlpKeyValue[] {
  const out = [attr("feature", e.name)];
  if (e.kind === "flag") out.push(attr("value", e.value === true));
  else if (typeof e.variant === "string") out.push(attr("variant", e.variant));
  return out;
}

function attr(key: string, value: string | number | boolean): OtlpKeyValue {
  if (typeof value === "boolean") return { key, value: { boolValue: value } };
  if (typeof value === "number") return { key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } };
  return { key, value: { stringValue: value } };
}

/** Milliseconds since the epoch as an exact nanosecond decimal string (beyond 2^53, so no float math). */
function nanos(ms: number): string {
  return `${Math.round(ms)}000000`;
}
