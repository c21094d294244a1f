import { getFeatureFlagManager } from "../default-manager.js";
import { InvalidArgumentError } from "../errors.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import { isReservedName } from "../safe-record.js";
import { FeatureMetrics, type FeatureMetricsSummary } from "./feature-metrics.js";

/** Options of `new FeatureMetricsRegistry(...)`. */
export interface FeatureMetricsRegistryOptions {
  /** The manager whose flags `getSummary().enabled` reads (default: `getFeatureFlagManager()`). */
  manager?: FeatureFlagManager;
  /** Recent executions kept per feature for percentiles (default 1024). */
  windowSize?: number;
}

/** One `FeatureMetrics` per feature name, tied to a manager. */
export class FeatureMetricsRegistry {
  readonly manager: FeatureFlagManager;
  /** When this registry started counting (ms since epoch): the start of cumulative series. */
  readonly startedAt: number;
  private readonly windowSize: number | undefined;
  private readonly metrics = new Map<string, FeatureMetrics>();

  constructor(options: FeatureMetricsRegistryOptions = {}) {
    this.manager = options.manager ?? getFeatureFlagManager();
    this.windowSize = options.windowSize;
    this.startedAt = Date.now();
  }

  /** The metrics of `name`, created on first use. */
  getOrCreate(name: string): FeatureMetrics {
    let metrics = this.metrics.get(name);
    if (metrics) return metrics;
    if (typeof name !== "string" || name === "" || isReservedName(name)) {
      throw new InvalidArgumentError(`feature name must be a non-empty string other than __proto__/constructor/prototype, got ${JSON.stringify(name) ?? String(name)}`);
    }
    const manager = this.manager;
    metrics = new FeatureMetrics(name, { isEnabled: (feature) => manager.isEnabled(feature), windowSize: this.windowSize });
    this.metrics.set(name, metrics);
    return metrics;
  }

  /** The metrics of `name` if anything was recorded for it. */
  get(name: string): FeatureMetrics | undefined {
    return this.metrics.get(name);
  }

  /** Names with metrics, in creation order. */
  names(): string[] {
    return [...this.metrics.keys()];
  }

  /** Every feature's summary, in creation order. */
  getAllSummaries(): FeatureMetricsSummary[] {
    return [...this.metrics.values()].map((m) => m.getSummary());
  }

  /** Forgets every feature's metrics. */
  clear(): void {
    this.metrics.clear();
  }
}

// One registry per manager; a WeakMap so a discarded manager takes its registry with it.
const registries = new WeakMap<FeatureFlagManager, FeatureMetricsRegistry>();

/** The registry of `manager` (default: the default manager's), created on first use. */
export function getFeatureMetricsRegistry(manager: FeatureFlagManager = getFeatureFlagManager()): FeatureMetricsRegistry {
  let registry = registries.get(manager);
  if (!registry) registries.set(manager, (registry = new FeatureMetricsRegistry({ manager })));
  return registry;
}
