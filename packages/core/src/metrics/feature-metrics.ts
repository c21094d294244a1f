import { InvalidArgumentError } from "../errors.js";
import { DEFAULT_LATENCY_WINDOW, LatencyWindow, type LatencyPercentiles, type RecentExecutionStats } from "./latency-window.js";

/** One execution of the code behind a feature. */
export interface ExecutionRecord {
  /** Wall time of the execution in milliseconds (finite, >= 0). */
  durationMs: number;
  /** False when the execution failed; failures count as errors. */
  success: boolean;
}

/** What `getSummary()` returns: lifetime totals plus the flag's current value. */
export interface FeatureMetricsSummary {
  feature: string;
  /** The flag's effective value right now (the registry's `store.isEnabled(feature)`). */
  enabled: boolean;
  executions: number;
  errors: number;
  /** errors / executions; 0 when nothing was executed. */
  errorRate: number;
  /** Mean duration over every execution; 0 when nothing was executed. */
  avgDurationMs: number;
  /** The last count given to `recordUserActivity` (0 until then). */
  activeUsers: number;
}

/** Options of `new FeatureMetrics(...)`; the registry supplies them. */
export interface FeatureMetricsOptions {
  /** Reads the flag's current value for `getSummary().enabled`. */
  isEnabled: (feature: string) => boolean;
  /** How many recent executions percentiles and health checks look at (default 1024). */
  windowSize?: number;
}

/**
 * Counters for one feature: lifetime executions, errors and mean duration, the active-user
 * gauge, and a bounded window of recent executions for percentiles.
 */
export class FeatureMetrics {
  readonly feature: string;
  private readonly isEnabled: (feature: string) => boolean;
  private readonly window: LatencyWindow;
  private executions = 0;
  private errors = 0;
  private totalDurationMs = 0;
  private activeUsers = 0;

  constructor(feature: string, options: FeatureMetricsOptions) {
    this.feature = feature;
    this.isEnabled = options.isEnabled;
    const size = options.windowSize ?? DEFAULT_LATENCY_WINDOW;
    if (!Number.isInteger(size) || size < 1 || size > 1_000_000) {
      throw new InvalidArgumentError(`windowSize must be an integer from 1 to 1000000, got ${String(size)}`);
    }
    this.window = new LatencyWindow(size);
  }

  /** Records one execution; a negative, NaN or infinite duration throws and records nothing. */
  recordExecution(record: ExecutionRecord): void {
    if (typeof record !== "object" || record === null) {
      throw new InvalidArgumentError(`recordExecution("${this.feature}") expects { durationMs, success }, got ${String(record)}`);
    }
    const { durationMs, success } = record;
    if (typeof durationMs !== "number" || !Number.isFinite(durationMs) || durationMs < 0) {
      throw new InvalidArgumentError(`recordExecution("${this.feature}"): durationMs must be a finite number >= 0, got ${describe(durationMs)}`);
    }
    if (typeof success !== "boolean") {
      throw new InvalidArgumentError(`recordExecution("${this.feature}"): success must be a boolean, got ${describe(success)}`);
    }
    this.executions++;
    if (!success) this.errors++;
    this.totalDurationMs += durationMs;
    this.window.add(durationMs, success);
  }

  /** Sets the active-user gauge (a non-negative integer, e.g. users seen in the last minute). */
  recordUserActivity(count: number): void {
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw new InvalidArgumentError(`recordUserActivity("${this.feature}"): count must be an integer >= 0, got ${describe(count)}`);
    }
    this.activeUsers = count;
  }

  /** Lifetime totals and the flag's current value. */
  getSummary(): FeatureMetricsSummary {
    const { executions, errors } = this;
    return {
      feature: this.feature,
      enabled: this.isEnabled(this.feature),
      executions,
      errors,
      errorRate: executions === 0 ? 0 : errors / executions,
      avgDurationMs: executions === 0 ? 0 : this.totalDurationMs / executions,
      activeUsers: this.activeUsers,
    };
  }

  /** p50, p95 and p99 latency over the recent window (nearest rank; `null` while empty). */
  getLatencyPercentiles(): LatencyPercentiles {
    return this.window.percentiles();
  }

  /** Percentiles and error rate over the recent window: what performance health checks read. */
  getRecentStats(): RecentExecutionStats {
    return this.window.stats();
  }

  /** Lifetime duration total in milliseconds (for exporters). */
  getTotalDurationMs(): number {
    return this.totalDurationMs;
  }

  /** Zeroes every counter and the window (e.g. before re-enabling a rolled-back feature). */
  reset(): void {
    this.executions = 0;
    this.errors = 0;
    this.totalDurationMs = 0;
    this.activeUsers = 0;
    this.window.clear();
  }
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  return JSON.stringify(value) ?? String(value);
}
