// The last N executions of a feature, in two fixed-size typed arrays used as a ring. Health
// checks want recent behaviour (a regression an hour ago should not be diluted by a week of
// good data), and a ring keeps memory constant however many executions are recorded.

/** Latency percentiles over the recent window; `null` while the window is empty. */
export interface LatencyPercentiles {
  /** How many executions the percentiles are computed from (at most the window size). */
  samples: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Percentiles plus the error rate of the same recent executions. */
export interface RecentExecutionStats extends LatencyPercentiles {
  errors: number;
  /** errors / samples; 0 while the window is empty. */
  errorRate: number;
}

/** Default number of executions a window keeps. */
export const DEFAULT_LATENCY_WINDOW = 1024;

/** A ring of the most recent `capacity` (duration, success) pairs. */
export class LatencyWindow {
  readonly capacity: number;
  private readonly durations: Float64Array;
  private readonly failures: Uint8Array;
  private next = 0;
  private count = 0;
  private failed = 0;

  constructor(capacity = DEFAULT_LATENCY_WINDOW) {
    this.capacity = capacity;
    this.durations = new Float64Array(capacity);
    this.failures = new Uint8Array(capacity);
  }

  /** Adds one execution, evicting the oldest when full. */
  add(durationMs: number, success: boolean): void {
    const i = this.next;
    if (this.count === this.capacity) this.failed -= this.failures[i]!;
    else this.count++;
    this.durations[i] = durationMs;
    this.failures[i] = success ? 0 : 1;
    this.failed += success ? 0 : 1;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
  }

  /** Number of executions currently held. */
  get size(): number {
    return this.count;
  }

  /** Forgets every execution. */
  clear(): void {
    this.next = 0;
    this.count = 0;
    this.failed = 0;
  }

  /** Nearest-rank percentiles (p50, p95, p99) of the held durations. */
  percentiles(): LatencyPercentiles {
    if (this.count === 0) return { samples: 0, p50: null, p95: null, p99: null };
    // Sorting a copy costs O(n log n) with n <= capacity; it runs when a summary or health check
    // asks, never on the recording path.
    const sorted = this.durations.slice(0, this.count).sort();
    return { samples: this.count, p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
  }

  /** Percentiles and error rate of the held executions. */
  stats(): RecentExecutionStats {
    return { ...this.percentiles(), errors: this.failed, errorRate: this.count === 0 ? 0 : this.failed / this.count };
  }
}

/** The smallest value with at least p% of the values at or below it. */
function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}
