import type { CompiledExperiment, Explanation, FeatureFlagManager, FlagMetadata, FlagValue, FlagValueDetails } from "@victor-flags/core";
// Both providers serve flagd flags, so they install the engine (docs/targeting.md).
import { isFlagdFlag } from "@victor-flags/core/targeting";

// The OpenFeature vocabulary as plain strings (the SDKs' enums have exactly these values), so both
// providers share one mapping without loading either SDK at run time.

/** The OpenFeature error codes this package reports. */
export type ResolutionErrorCode = "FLAG_NOT_FOUND" | "TYPE_MISMATCH" | "PARSE_ERROR" | "TARGETING_KEY_MISSING" | "GENERAL";

/** The OpenFeature reasons this package reports (see docs/openfeature.md for when each applies). */
export type ResolutionReason = "STATIC" | "SPLIT" | "DISABLED" | "ERROR" | "TARGETING_MATCH" | "DEFAULT";

/** OpenFeature flag metadata: primitive values only. */
export type ResolutionMetadata = Record<string, string | number | boolean>;

/** A provider's answer, shaped as OpenFeature's `ResolutionDetails`. */
export interface Resolution<T> {
  value: T;
  variant?: string;
  reason: ResolutionReason;
  flagMetadata: ResolutionMetadata;
  errorCode?: ResolutionErrorCode;
  errorMessage?: string;
}

/** Where the answers come from: the manager's own state (web) or one call's context (server). */
export interface FlagLookup {
  readonly manager: FeatureFlagManager;
  /** Explains a declared flag for this evaluation. */
  explain(name: string): Explanation;
  /** The variant of a declared experiment for this evaluation, and whether it is a forced one. */
  variant(experiment: string): { variant: string | undefined; forced: boolean };
  /** A typed read of a flag for this evaluation (flagd flags of any type). */
  details<T extends FlagValue>(key: string, fallback: T): FlagValueDetails<T>;
}

/** Whether `key` is a flagd flag (`state`/`variants`) of the manager's config. */
export function isFlagdKey(manager: FeatureFlagManager, key: string): boolean {
  const flags = manager.store.getConfig()?.flags as Record<string, unknown> | undefined;
  return flags !== undefined && Object.prototype.hasOwnProperty.call(flags, key) && isFlagdFlag(flags[key]);
}

/**
 * A flagd flag's resolution, any type: value, variant, reason (STATIC, TARGETING_MATCH, DEFAULT,
 * DISABLED, ERROR), error code and flag metadata exactly as the core answers them — flagd's own
 * names, so nothing is mapped.
 */
export function resolveValue<T>(lookup: FlagLookup, key: string, defaultValue: T): Resolution<T> {
  const d = lookup.details(key, defaultValue as unknown as FlagValue);
  const out: Resolution<T> = { value: d.value as T, reason: d.reason, flagMetadata: { ...d.flagMetadata } };
  if (d.variant !== undefined) out.variant = d.variant;
  if (d.errorCode !== undefined) {
    out.errorCode = d.errorCode;
    out.errorMessage = d.errorMessage ?? d.errorCode;
  }
  return out;
}

/** The caller's default with `reason: "ERROR"` and an error code (OpenFeature never throws). */
export function errorResolution<T>(defaultValue: T, errorCode: ResolutionErrorCode, errorMessage: string): Resolution<T> {
  return { value: defaultValue, reason: "ERROR", errorCode, errorMessage, flagMetadata: {} };
}

function notFound<T>(key: string, defaultValue: T): Resolution<T> {
  return errorResolution(defaultValue, "FLAG_NOT_FOUND", `flag ${key} not found: it is neither a flag nor an experiment in the config`);
}

/** Whether some subjects are in a rollout and others not (0 % and 100 % decide nothing per subject). */
export function isSplitRollout(meta: FlagMetadata): boolean {
  const p = meta.rollout?.percentage;
  return p !== undefined && p > 0 && p < 100;
}

/** Whether an experiment's weights give more than one variant a share of subjects. */
export function isSplitExperiment(experiment: CompiledExperiment): boolean {
  let withWeight = 0;
  for (const w of experiment.weights) if (w > 0) withWeight++;
  return withWeight > 1;
}

/** The declared experiment of that name, if any. */
export function findExperiment(manager: FeatureFlagManager, name: string): CompiledExperiment | undefined {
  for (const experiment of manager.getExperiments()) if (experiment.name === name) return experiment;
  return undefined;
}

// Definitions are frozen and replaced on each config load, so their primitive metadata can be
// computed once per definition object.
const primitiveMetadata = new WeakMap<FlagMetadata, Readonly<ResolutionMetadata>>();

function primitivesOf(meta: FlagMetadata): Readonly<ResolutionMetadata> {
  let out = primitiveMetadata.get(meta);
  if (!out) {
    const collected: ResolutionMetadata = {};
    for (const key of Object.keys(meta.metadata)) {
      const value = meta.metadata[key];
      if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) collected[key] = value;
    }
    out = Object.freeze(collected);
    primitiveMetadata.set(meta, out);
  }
  return out;
}

/**
 * The flag's primitive `metadata` values plus `source` (the layer that won, from `explain`) and,
 * when a dependency gated it off, `dependency`. `source` wins over a metadata key of that name.
 */
export function flagMetadataOf(meta: FlagMetadata, explanation: Explanation): ResolutionMetadata {
  const out: ResolutionMetadata = { ...primitivesOf(meta), source: explanation.source };
  if (explanation.dependency !== undefined) out["dependency"] = explanation.dependency;
  return out;
}

/**
 * A boolean flag's resolution: `variant` "on"/"off"; `reason` DISABLED when a dependency gated it
 * off, SPLIT when the rollout bucket decided, STATIC otherwise.
 */
export function resolveBoolean(lookup: FlagLookup, key: string, defaultValue: boolean): Resolution<boolean> {
  if (isFlagdKey(lookup.manager, key)) return resolveValue(lookup, key, defaultValue);
  const meta = lookup.manager.getFlagMetadata(key);
  if (meta === undefined) {
    if (findExperiment(lookup.manager, key)) return errorResolution(defaultValue, "TYPE_MISMATCH", `"${key}" is an experiment: evaluate it as a string to get its variant`);
    return notFound(key, defaultValue);
  }
  const explanation = lookup.explain(key);
  const reason: ResolutionReason =
    explanation.source === "dependency" ? "DISABLED" : explanation.source === "rollout" && isSplitRollout(meta) ? "SPLIT" : "STATIC";
  return { value: explanation.value, variant: explanation.value ? "on" : "off", reason, flagMetadata: flagMetadataOf(meta, explanation) };
}

/**
 * An experiment's resolution: the variant name as both `value` and `variant`; `reason` SPLIT when
 * bucketing chose among several weighted variants, STATIC for a forced variant or a single one.
 */
export function resolveString(lookup: FlagLookup, key: string, defaultValue: string): Resolution<string> {
  if (isFlagdKey(lookup.manager, key)) return resolveValue(lookup, key, defaultValue);
  const experiment = findExperiment(lookup.manager, key);
  if (!experiment) {
    if (lookup.manager.getFlagMetadata(key)) return errorResolution(defaultValue, "TYPE_MISMATCH", `"${key}" is a boolean flag: evaluate it as a boolean`);
    return notFound(key, defaultValue);
  }
  const { variant, forced } = lookup.variant(key);
  if (variant === undefined) return errorResolution(defaultValue, "GENERAL", `experiment "${key}" assigned no variant`);
  const reason: ResolutionReason = !forced && isSplitExperiment(experiment) ? "SPLIT" : "STATIC";
  return { value: variant, variant, reason, flagMetadata: { source: forced ? "runtime" : "bucket" } };
}

/** Numbers and objects: flagd flags answer them; a Victor flag or experiment is a TYPE_MISMATCH. */
export function resolveUnsupported<T>(lookup: FlagLookup, key: string, defaultValue: T, type: "number" | "object"): Resolution<T> {
  if (isFlagdKey(lookup.manager, key)) return resolveValue(lookup, key, defaultValue);
  if (lookup.manager.getFlagMetadata(key)) return errorResolution(defaultValue, "TYPE_MISMATCH", `"${key}" is a boolean flag, not a ${type}`);
  if (findExperiment(lookup.manager, key)) return errorResolution(defaultValue, "TYPE_MISMATCH", `"${key}" is an experiment (a string variant), not a ${type}`);
  return notFound(key, defaultValue);
}

/** The resolution every evaluation gets while no config could be loaded (PARSE_ERROR for an invalid document). */
export function unavailableResolution<T>(defaultValue: T, error: Error): Resolution<T> {
  const parse = (error as { code?: unknown }).code === "CONFIG_INVALID" || (error as { kind?: unknown }).kind === "invalid-config" || (error as { kind?: unknown }).kind === "invalid-json";
  return errorResolution(defaultValue, parse ? "PARSE_ERROR" : "GENERAL", `no flag config loaded: ${error.message}`);
}
