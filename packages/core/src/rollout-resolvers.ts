import { assignVariant, inRollout } from "./bucketing.js";
import { InvalidArgumentError } from "./errors.js";
import { detectStorage } from "./platform.js";
import { getAnonymousId } from "./subject.js";
import { checkVariantsAndWeights } from "./assert-config.js";

function checkPercentage(p: unknown): number {
  if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 100) {
    throw new InvalidArgumentError(`rolloutPercentage must be a number from 0 to 100, got ${JSON.stringify(p) ?? String(p)}`);
  }
  return p;
}

function checkSubject(subject: unknown): string {
  if (subject === undefined) return getAnonymousId(detectStorage());
  if (typeof subject !== "string" || subject.trim() === "") {
    // An empty subject would put every such caller in one bucket: refuse it instead.
    throw new InvalidArgumentError(`subject must be a non-empty string, got ${JSON.stringify(subject) ?? String(subject)}`);
  }
  return subject;
}

/** Options of `StagedRolloutResolver`. */
export interface StagedRolloutOptions {
  /** 0–100, in steps as fine as 0.01. */
  rolloutPercentage: number;
  /** Who is bucketed (default: the persisted anonymous id). */
  subject?: string;
}

/** Gradual rollout of any feature name for one subject, raised step by step. */
export class StagedRolloutResolver {
  private percentage: number;
  readonly subject: string;

  constructor(options: StagedRolloutOptions) {
    this.percentage = checkPercentage(options?.rolloutPercentage);
    this.subject = checkSubject(options.subject);
  }

  /** `true` when the subject is inside the rollout of `name`, else `defaultValue`. */
  resolve(name: string, defaultValue = false): boolean {
    if (typeof name !== "string" || name === "") throw new InvalidArgumentError("resolve(name): name must be a non-empty string");
    return inRollout(name, this.subject, this.percentage) ? true : defaultValue;
  }

  /** Changes the percentage; raising it only adds subjects. */
  setRolloutPercentage(percentage: number): void {
    this.percentage = checkPercentage(percentage);
  }

  /** The current percentage. */
  get rolloutPercentage(): number {
    return this.percentage;
  }
}

/** Options of `ABTestingResolver`. */
export interface ABTestingOptions {
  variants: readonly string[];
  /** One weight per variant, each >= 0, summing to 1 (±1e-9). */
  weights: readonly number[];
  /** Who is bucketed (default: the persisted anonymous id). */
  subject?: string;
}

/** Weighted variant assignment for one subject across any number of experiments. */
export class ABTestingResolver {
  readonly variants: readonly string[];
  readonly weights: readonly number[];
  readonly subject: string;

  constructor(options: ABTestingOptions) {
    const problems = checkVariantsAndWeights(options?.variants, options?.weights, "");
    if (problems.length > 0) {
      throw new InvalidArgumentError(`ABTestingResolver: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    }
    this.variants = Object.freeze([...options.variants]);
    this.weights = Object.freeze([...options.weights]);
    this.subject = checkSubject(options.subject);
  }

  /** The subject's variant in `experiment` (the experiment name seeds the hash). */
  resolveVariant(experiment: string): string {
    if (typeof experiment !== "string" || experiment === "") throw new InvalidArgumentError("resolveVariant(experiment): experiment must be a non-empty string");
    return assignVariant(experiment, this.subject, this.variants, this.weights) as string;
  }
}
