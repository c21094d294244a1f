import { getDefaultFlagStore } from "../default-store.js";
import { InvalidArgumentError } from "../errors.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import type { FlagStore } from "../flag-store.js";
import { isReservedName } from "../safe-record.js";
import { FeatureMetrics, type FeatureMetricsSummary } from "./feature-metrics.js";
import { composedManager, storeOf, storeOfOptions, type FlagStoreOrManager } from "./store-or-manager.js";

/** Options of `new FeatureMetricsRegistry(...)`. */
export interface FeatureMetricsRegistryOptions {
  /** The store whose flags `getSummary().enabled` reads (default: the default manager's store). */
  store?: FlagStore;
  /** The same through a manager: its `store` is read (give `store` or `manager`, not both). */
  manager?: FeatureFlagManager;
  /** Recent executions kept per feature for percentiles (default 1024). */
  windowSize?: number;
}

/** One `FeatureMetrics` per feature name, tied to a flag store. */
export class FeatureMetricsRegistry {
  /** The store `getSummary().enabled` reads. */
  readonly store: FlagStore;
  /** When this registry started counting (ms since epoch): the start of cumulative series. */
  readonly startedAt: number;
  private readonly windowSize: number | undefined;
  private readonly metrics = new Map<string, FeatureMetrics>();

  constructor(options: FeatureMetricsRegistryOptions = {}) {
    this.store = storeOfOptions(options, "FeatureMetricsRegistry") ?? getDefaultFlagStore();
    this.windowSize = options.windowSize;
    this.startedAt = Date.now();
  }

  /** The manager composed over the store (the one given, or one made since), else `undefined`. */
  get manager(): FeatureFlagManager | undefined {
    return composedManager(this.store);
  }

  /** The metrics of `name`, created on first use. */
  getOrCreate(name: string): FeatureMetrics {
    let metrics = this.metrics.get(name);
    if (metrics) return metrics;
    if (typeof name !== "string" || name === "" || isReservedName(name)) {
      throw new InvalidArgumentError(`feature name must be a non-empty string other than __proto__/constructor/prototype, got ${JSON.stringify(name) ?? String(name)}`);
    }
    const store = this.store;
    metrics = new FeatureMetrics(name, { isEnabled: (feature) => store.isEnabled(feature), windowSize: this.windowSize });
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

// One registry per store (a manager and its store share one); a WeakMap so a discarded store
// takes its registry with it.
const registries = new WeakMap<FlagStore, FeatureMetricsRegistry>();

/** The registry of a store or manager (default: the default manager's), created on first use. */
export function getFeatureMetricsRegistry(source?: FlagStoreOrManager): FeatureMetricsRegistry {
  const store = storeOf(source, "getFeatureMetricsRegistry");
  let registry = registries.get(store);
  if (!registry) registries.set(store, (registry = new FeatureMetricsRegistry({ store })));
  return registry;
}
