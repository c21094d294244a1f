import { InvalidArgumentError } from "../errors.js";
import { consoleLogger, startInterval, type Logger } from "../platform.js";
import type { FeatureHealthChecker, HealthCheckResult } from "./health-checker.js";

/** Options of `watchHealth`. */
export interface WatchHealthOptions {
  checker: FeatureHealthChecker;
  /** Time between runs of `checker.checkAll()`. */
  intervalMs: number;
  /** Called with each run's results (after any automatic rollback happened). */
  onResults?: (results: HealthCheckResult[]) => void;
  /** Run once right away as well (default true). */
  immediate?: boolean;
  /** Where a failed run or a throwing `onResults` is reported (default: console). */
  logger?: Logger;
}

/** A running health watch. */
export interface HealthWatch {
  /** Runs the checks now (or joins the run in progress). */
  checkNow(): Promise<HealthCheckResult[]>;
  /** Results of the last completed run (empty before the first). */
  getLastResults(): HealthCheckResult[];
  /** Stops the timer; a run in progress finishes but reports nothing. */
  stop(): void;
}

/**
 * Runs a checker on an interval, so performance checks with `autoRollback` act without anyone
 * calling `checkAll()`. Runs never overlap: a tick during a slow run is skipped.
 */
export function watchHealth(options: WatchHealthOptions): HealthWatch {
  const { checker, intervalMs } = options;
  if (typeof checker !== "object" || checker === null || typeof checker.checkAll !== "function") throw new InvalidArgumentError("watchHealth: checker must be a FeatureHealthChecker");
  if (typeof intervalMs !== "number" || !Number.isFinite(intervalMs) || intervalMs <= 0) throw new InvalidArgumentError(`watchHealth: intervalMs must be a finite number > 0, got ${String(intervalMs)}`);
  const logger = options.logger ?? consoleLogger;
  let running: Promise<HealthCheckResult[]> | undefined;
  let last: HealthCheckResult[] = [];
  let stopped = false;

  const run = (): Promise<HealthCheckResult[]> => {
    if (running) return running;
    running = checker
      .checkAll()
      .then(
        (results) => {
          if (stopped) return results;
          last = results;
          try {
            options.onResults?.(results);
          } catch (error) {
            logger.error("watchHealth onResults threw", error);
          }
          return results;
        },
        (error: unknown) => {
          logger.error("watchHealth: checkAll failed", error);
          return last;
        },
      )
      .finally(() => (running = undefined));
    return running;
  };

  const stopInterval = startInterval(() => void run(), intervalMs);
  if (options.immediate !== false) void run();

  return {
    checkNow: run,
    getLastResults: () => last,
    stop() {
      stopped = true;
      stopInterval();
    },
  };
}
