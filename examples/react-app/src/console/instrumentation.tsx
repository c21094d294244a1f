import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import {
  FeatureHealthChecker,
  watchHealth,
  type HealthCheckResult,
  type HealthWatch,
} from "@victor-flags/core/health";
import {
  createExposureReporter,
  getFeatureMetricsRegistry,
  type ExposureReporter,
  type FeatureMetricsRegistry,
} from "@victor-flags/core/metrics";
import { useFlagManager } from "@victor-flags/react";

/** The feature whose executions the demo records and whose health check can roll it back. */
export const PLANNER = "hierarchical_planning_enabled";

interface Instrumentation {
  registry: FeatureMetricsRegistry;
  checker: FeatureHealthChecker;
  reporter: ExposureReporter | undefined;
  watch: HealthWatch | undefined;
  health: HealthCheckResult[];
  /** Changes every second, so panels re-read counters that have no subscription. */
  tick: number;
}

const InstrumentationContext = createContext<Instrumentation | undefined>(undefined);

/**
 * Attaches the optional subsystems to the provider's manager: the metrics registry, an exposure
 * reporter posting to the dev server's metrics sink, and health checks watched every 2 s with
 * automatic rollback of the planner.
 */
export function InstrumentationProvider({ children }: { children: ReactNode }) {
  const manager = useFlagManager();
  const [parts] = useState(() => {
    const registry = getFeatureMetricsRegistry(manager);
    const checker = new FeatureHealthChecker({ manager, metrics: registry })
      .addResourceCheck({ cpuThreshold: 85, memoryThreshold: 80, diskThreshold: 90 })
      .addPerformanceCheck({ componentName: PLANNER, latencyThresholdMs: 150, errorRateThreshold: 0.25, minSamples: 10, autoRollback: true });
    return { registry, checker };
  });
  const [reporter, setReporter] = useState<ExposureReporter>();
  const [watch, setWatch] = useState<HealthWatch>();
  const [health, setHealth] = useState<HealthCheckResult[]>([]);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    // The app server passes /metrics to `victor-flags serve`, which prints each batch.
    const r = createExposureReporter({ url: "/metrics", manager, flushIntervalMs: 5000 });
    setReporter(r);
    return () => r.dispose();
  }, [manager]);

  useEffect(() => {
    const w = watchHealth({ checker: parts.checker, intervalMs: 2000, onResults: setHealth });
    setWatch(w);
    return () => w.stop();
  }, [parts.checker]);

  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, []);

  return <InstrumentationContext.Provider value={{ ...parts, reporter, watch, health, tick }}>{children}</InstrumentationContext.Provider>;
}

export function useInstrumentation(): Instrumentation {
  const value = useContext(InstrumentationContext);
  if (!value) throw new Error("useInstrumentation() must be used inside <InstrumentationProvider>");
  return value;
}
