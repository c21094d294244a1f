import { InvalidArgumentError } from "../errors.js";

/** How failed requests and dropped streams are retried. */
export interface RetryOptions {
  /** First delay in ms (default 1000). */
  baseMs?: number;
  /** Largest delay in ms (default 30000). */
  maxMs?: number;
  /** Consecutive failures retried early before waiting for the next poll (default Infinity). */
  maxAttempts?: number;
}

export interface ResolvedRetry {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxAttempts: number;
}

const positive = (value: number | undefined, fallback: number, what: string): number => {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) throw new InvalidArgumentError(`retry.${what} must be a number >= 0, got ${String(value)}`);
  return value;
};

/** Fills in the defaults and checks the numbers. */
export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  const baseMs = positive(options.baseMs, 1000, "baseMs");
  const maxMs = Math.max(baseMs, positive(options.maxMs, 30_000, "maxMs"));
  return { baseMs, maxMs, maxAttempts: positive(options.maxAttempts, Infinity, "maxAttempts") };
}

/** A delay for a log line: "250 ms", "1.0 s". */
export function describeDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Delay before retry number `attempt` (0 = the first retry): capped exponential growth with
 * "equal jitter", a random point in the upper half of the step. The jitter spreads a fleet of
 * clients that failed together; keeping the lower half out means a retry never fires at once.
 */
export function backoffDelay(attempt: number, retry: ResolvedRetry, random: () => number = Math.random): number {
  const step = Math.min(retry.maxMs, retry.baseMs * 2 ** Math.min(attempt, 52));
  return Math.round(step / 2 + (step / 2) * random());
}
