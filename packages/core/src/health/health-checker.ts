import { InvalidArgumentError } from "../errors.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import type { FlagStore } from "../flag-store.js";
import { getFeatureMetricsRegistry, type FeatureMetricsRegistry } from "../metrics/metrics-registry.js";
import { composedManager, storeOfOptions } from "../metrics/store-or-manager.js";
import { consoleLogger, startTimeout, type Logger } from "../platform.js";
import { isReservedName } from "../safe-record.js";
import { createBrowserResourceProbe, type ResourceProbe, type ResourceSample } from "./probes.js";
import { classifyHealth, DEFAULT_DEGRADED_RATIO, worst, type HealthStatus } from "./thresholds.js";

/** One check's outcome. */
export interface HealthCheckResult {
  /** `resource:cpu`, `resource:memory`, `resource:disk` or `performance:<componentName>`. */
  name: string;
  status: HealthStatus;
  /** The measured figures against their thresholds, or why the status is unknown. */
  message: string;
}

/** Resource thresholds in percent (0–100]; omit one to skip that resource. */
export interface ResourceCheckOptions {
  cpuThreshold?: number;
  memoryThreshold?: number;
  diskThreshold?: number;
}

/** A performance check over a feature's recent executions in the metrics registry. */
export interface PerformanceCheckOptions {
  /** The feature name in the metrics registry (usually the flag name). */
  componentName: string;
  /** p95 latency over the recent window at or above which the check is unhealthy. */
  latencyThresholdMs: number;
  /** Error rate (0–1] over the recent window at or above which the check is unhealthy. */
  errorRateThreshold: number;
  /** Executions the window must hold before the check judges; fewer gives "unknown" (default 10). */
  minSamples?: number;
  /** Turn the flag off when this check goes unhealthy (default false). */
  autoRollback?: boolean;
  /** The flag to roll back (default: `componentName`). */
  flag?: string;
}

/** Options of `new FeatureHealthChecker(...)`; every one is optional. */
export interface FeatureHealthCheckerOptions {
  /**
   * The store auto rollback acts on (default: the metrics registry's store). A rollback goes
   * through the store's manager; a store without one gets it composed then (loaded with `import()`).
   */
  store?: FlagStore;
  /** The same through a manager (give `store` or `manager`, not both). */
  manager?: FeatureFlagManager;
  /** Where resource figures come from (default: `createBrowserResourceProbe()`). */
  probe?: ResourceProbe;
  /** Where performance checks read executions (default: `getFeatureMetricsRegistry(store)`). */
  metrics?: FeatureMetricsRegistry;
  /** Fraction of a threshold at which a figure is degraded (default 0.8). */
  degradedRatio?: number;
  /** A probe that has not answered after this long counts as unknown (default 5000 ms). */
  probeTimeoutMs?: number;
  /** Where rollback notices and failures go (default: console). */
  logger?: Logger;
}

type PerformanceCheck = Required<Omit<PerformanceCheckOptions, "flag">> & { flag: string };

const RESOURCES = [
  { key: "cpu", option: "cpuThreshold", figure: "cpuPercent" },
  { key: "memory", option: "memoryThreshold", figure: "memoryPercent" },
  { key: "disk", option: "diskThreshold", figure: "diskPercent" },
] as const;

/** Resource and performance checks, with opt-in automatic rollback (docs/metrics-and-health.md). */
export class FeatureHealthChecker {
  /** The store whose flags auto rollback turns off. */
  readonly store: FlagStore;
  readonly metrics: FeatureMetricsRegistry;
  private readonly probe: ResourceProbe;
  private readonly degradedRatio: number;
  private readonly probeTimeoutMs: number;
  private readonly logger: Logger;
  private resourceThresholds: ResourceCheckOptions | undefined;
  private readonly performance = new Map<string, PerformanceCheck>();
  /** Checks that already rolled their flag back; they do not act again until re-armed. */
  private readonly rolledBack = new Set<string>();

  constructor(options: FeatureHealthCheckerOptions = {}) {
    const store = storeOfOptions(options, "FeatureHealthChecker");
    this.metrics = options.metrics ?? getFeatureMetricsRegistry(store);
    this.store = store ?? this.metrics.store;
    this.probe = options.probe ?? createBrowserResourceProbe();
    this.degradedRatio = options.degradedRatio ?? DEFAULT_DEGRADED_RATIO;
    if (typeof this.degradedRatio !== "number" || !(this.degradedRatio > 0 && this.degradedRatio <= 1)) {
      throw new InvalidArgumentError(`degradedRatio must be a number in (0, 1], got ${String(options.degradedRatio)}`);
    }
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
    this.logger = options.logger ?? consoleLogger;
  }

  /** Adds (or replaces) the resource check; thresholds are percentages in (0, 100]. */
  addResourceCheck(options: ResourceCheckOptions): this {
    if (typeof options !== "object" || options === null) throw new InvalidArgumentError("addResourceCheck expects { cpuThreshold?, memoryThreshold?, diskThreshold? }");
    let any = false;
    for (const { option } of RESOURCES) {
      const value = options[option];
      if (value === undefined) continue;
      if (typeof value !== "number" || !(value > 0 && value <= 100)) throw new InvalidArgumentError(`addResourceCheck: ${option} must be a percentage in (0, 100], got ${String(value)}`);
      any = true;
    }
    if (!any) throw new InvalidArgumentError("addResourceCheck needs at least one of cpuThreshold, memoryThreshold, diskThreshold");
    this.resourceThresholds = { cpuThreshold: options.cpuThreshold, memoryThreshold: options.memoryThreshold, diskThreshold: options.diskThreshold };
    return this;
  }

  /** Adds (or replaces) a performance check on a feature's recent executions. */
  addPerformanceCheck(options: PerformanceCheckOptions): this {
    if (typeof options !== "object" || options === null) throw new InvalidArgumentError("addPerformanceCheck expects { componentName, latencyThresholdMs, errorRateThreshold }");
    const { componentName, latencyThresholdMs, errorRateThreshold } = options;
    checkName(componentName, "componentName");
    if (typeof latencyThresholdMs !== "number" || !Number.isFinite(latencyThresholdMs) || latencyThresholdMs <= 0) {
      throw new InvalidArgumentError(`addPerformanceCheck("${componentName}"): latencyThresholdMs must be a finite number > 0, got ${String(latencyThresholdMs)}`);
    }
    if (typeof errorRateThreshold !== "number" || !(errorRateThreshold > 0 && errorRateThreshold <= 1)) {
      throw new InvalidArgumentError(`addPerformanceCheck("${componentName}"): errorRateThreshold must be a rate in (0, 1], got ${String(errorRateThreshold)}`);
    }
    const minSamples = options.minSamples ?? 10;
    if (!Number.isInteger(minSamples) || minSamples < 1) throw new InvalidArgumentError(`addPerformanceCheck("${componentName}"): minSamples must be an integer >= 1, got ${String(minSamples)}`);
    const flag = options.flag ?? componentName;
    checkName(flag, "flag");
    this.performance.set(componentName, { componentName, latencyThresholdMs, errorRateThreshold, minSamples, autoRollback: options.autoRollback === true, flag });
    return this;
  }

  /** The manager composed over the store (the one given, or one made since), else `undefined`. */
  get manager(): FeatureFlagManager | undefined {
    return composedManager(this.store);
  }

  /** Runs every check; each result says what was measured against which threshold. */
  async checkAll(): Promise<HealthCheckResult[]> {
    const results: HealthCheckResult[] = [];
    if (this.resourceThresholds) results.push(...(await this.checkResources(this.resourceThresholds)));
    for (const check of this.performance.values()) results.push(await this.checkPerformance(check));
    return results;
  }

  /** Lets a check that rolled its flag back do so again (after you fixed and re-enabled it). */
  rearmRollback(componentName: string): void {
    this.rolledBack.delete(componentName);
  }

  /** Components whose check has rolled its flag back and not been re-armed. */
  getRolledBack(): string[] {
    return [...this.rolledBack];
  }

  private async checkResources(thresholds: ResourceCheckOptions): Promise<HealthCheckResult[]> {
    let sample: ResourceSample;
    try {
      sample = await this.sampleWithTimeout();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      sample = { notes: { cpu: why, memory: why, disk: why } };
    }
    const results: HealthCheckResult[] = [];
    for (const { key, option, figure } of RESOURCES) {
      const threshold = thresholds[option];
      if (threshold === undefined) continue;
      const raw = sample[figure];
      const value = typeof raw === "number" && Number.isFinite(raw) ? raw : undefined;
      const status = classifyHealth(value, threshold, this.degradedRatio);
      results.push({ name: `resource:${key}`, status, message: describeResource(key, value, threshold, status, this.degradedRatio, sample.notes?.[key]) });
    }
    return results;
  }

  private sampleWithTimeout(): Promise<ResourceSample> {
    return new Promise<ResourceSample>((resolve, reject) => {
      const cancel = startTimeout(() => reject(new Error(`resource probe gave no answer within ${this.probeTimeoutMs} ms`)), this.probeTimeoutMs);
      Promise.resolve()
        .then(() => this.probe.sample())
        .then(
          (sample) => {
            cancel();
            resolve(sample ?? {});
          },
          (error: unknown) => {
            cancel();
            reject(error instanceof Error ? error : new Error(`resource probe failed: ${String(error)}`));
          },
        );
    });
  }

  private async checkPerformance(check: PerformanceCheck): Promise<HealthCheckResult> {
    const name = `performance:${check.componentName}`;
    const stats = this.metrics.get(check.componentName)?.getRecentStats();
    if (!stats || stats.samples < check.minSamples) {
      const have = stats?.samples ?? 0;
      return { name, status: "unknown", message: `${have} execution${have === 1 ? "" : "s"} of "${check.componentName}" recorded; at least ${check.minSamples} needed to judge` };
    }
    const latency = classifyHealth(stats.p95!, check.latencyThresholdMs, this.degradedRatio);
    const errors = classifyHealth(stats.errorRate, check.errorRateThreshold, this.degradedRatio);
    const status = worst(latency, errors);
    let message =
      `p95 latency ${round(stats.p95!)} ms (${latency}; threshold ${check.latencyThresholdMs} ms), ` +
      `error rate ${percent(stats.errorRate)} (${errors}; threshold ${percent(check.errorRateThreshold)}) over the last ${stats.samples} executions`;
    if (status === "unhealthy" && check.autoRollback) message += await this.rollBack(check);
    return { name, status, message };
  }

  /** Turns the flag off once per incident; returns the text appended to the check's message. */
  private async rollBack(check: PerformanceCheck): Promise<string> {
    if (this.rolledBack.has(check.componentName)) return `; "${check.flag}" was already rolled back`;
    if (!this.store.isEnabled(check.flag)) return `; "${check.flag}" is already off, nothing to roll back`;
    try {
      // The manager records the audit entry and checks dependents; loaded only for a rollback.
      const manager = this.manager ?? (await import("../feature-flag-manager.js")).managerFor(this.store);
      manager.setFlag(check.flag, false, { source: "auto_rollback" });
    } catch (error) {
      this.logger.error(`auto rollback of "${check.flag}" failed`, error);
      return `; auto rollback of "${check.flag}" failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.rolledBack.add(check.componentName);
    this.logger.warn(`auto rollback: turned "${check.flag}" off because performance:${check.componentName} is unhealthy`);
    return `; rolled back "${check.flag}" (source: auto_rollback)`;
  }
}

function checkName(name: unknown, what: string): asserts name is string {
  if (typeof name !== "string" || name === "" || isReservedName(name)) {
    throw new InvalidArgumentError(`addPerformanceCheck: ${what} must be a non-empty string other than __proto__/constructor/prototype, got ${JSON.stringify(name) ?? String(name)}`);
  }
}

function describeResource(key: string, value: number | undefined, threshold: number, status: HealthStatus, ratio: number, note: string | undefined): string {
  const source = note ? ` [${note}]` : "";
  if (value === undefined) return `${key} usage unknown: ${note ?? "the platform gave no figure"}`;
  const shown = `${key} ${round(value)}%`;
  if (status === "unhealthy") return `${shown} is at or above the ${threshold}% threshold${source}`;
  if (status === "degraded") return `${shown} is at or above ${round(threshold * ratio)}% (${round(ratio * 100)}% of the ${threshold}% threshold)${source}`;
  return `${shown} is below ${round(threshold * ratio)}% (${round(ratio * 100)}% of the ${threshold}% threshold)${source}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function percent(rate: number): string {
  return `${round(rate * 100)}%`;
}
