import { InvalidArgumentError } from "../errors.js";
import type { ExposureEvent } from "../types.js";
import type { ExposureReporterOptions, ExposureRetryOptions } from "./exposure-tracker.js";

// The exposure reporter's argument checks: every bad option or event throws an
// InvalidArgumentError naming it, before anything starts.

/** Internal: the reporter's options with defaults filled in; a bad one throws naming it. */
export function readReporterOptions(options: ExposureReporterOptions) {
  if (typeof options !== "object" || options === null) throw new InvalidArgumentError("createExposureReporter expects an options object with a url");
  if (typeof options.url !== "string" || options.url === "") throw new InvalidArgumentError("createExposureReporter: url must be a non-empty string");
  const retry: ExposureRetryOptions = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
  return {
    flushIntervalMs: positive("flushIntervalMs", options.flushIntervalMs, 10_000),
    maxBatchSize: positiveInt("maxBatchSize", options.maxBatchSize, 100),
    maxQueue: positiveInt("maxQueue", options.maxQueue, 20),
    timeoutMs: positive("timeoutMs", options.timeoutMs, 10_000),
    maxRetries: nonNegativeInt("retry.maxRetries", retry.maxRetries, 3),
    // The same capped, equal-jitter backoff as the remote source (maxAttempts unused here).
    backoff: { baseMs: positive("retry.baseDelayMs", retry.baseDelayMs, 1_000), maxMs: positive("retry.maxDelayMs", retry.maxDelayMs, 30_000), maxAttempts: Infinity },
    jitter: retry.jitter !== false,
  };
}

/** `random` for `backoffDelay` that always picks the full step: no jitter. */
export const noJitter = (): number => 1;

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`createExposureReporter: ${name} must be a finite number > 0, got ${String(value)}`);
  return value;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const n = positive(name, value, fallback);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`createExposureReporter: ${name} must be an integer, got ${n}`);
  return n;
}

function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`createExposureReporter: ${name} must be an integer >= 0, got ${String(value)}`);
  return value;
}

/** Internal: throws unless `event` is a well-formed exposure. */
export function checkExposure(event: ExposureEvent): void {
  const ok =
    typeof event === "object" &&
    event !== null &&
    typeof event.name === "string" &&
    event.name !== "" &&
    ((event.kind === "flag" && typeof event.value === "boolean") || (event.kind === "variant" && (typeof event.value === "string" || event.value === undefined)));
  if (!ok) throw new InvalidArgumentError(`exposure must be { kind: "flag", name, value: boolean } or { kind: "variant", name, value: string }, got ${JSON.stringify(event) ?? String(event)}`);
}
