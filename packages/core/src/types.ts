import type { FlagdErrorCode, FlagdReason } from "./targeting/flagd-types.js";

/** A JSON value as it can appear in a config document's metadata. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * JSON as a config document may hold it. Wider than `JsonValue` in one way: a JSON import types
 * the objects of a mixed array with the other objects' keys as optional `undefined`.
 */
export type JsonInput = string | number | boolean | null | readonly JsonInput[] | { readonly [key: string]: JsonInput | undefined };

/** How a flag is meant to reach users (informational; `rollout` drives gradual bucketing). */
export type RolloutStrategy = "immediate" | "gradual" | "ab_test";

/** A gradual rollout: `percentage` of subjects (0–100, 0.01 granularity) get the flag. */
export interface RolloutDefinition {
  percentage: number;
  salt?: string;
}

/** One flag as written in the config document (see "The config document" in the README). Only `default` is required. */
export interface FlagDefinition {
  name?: string;
  description?: string;
  default: boolean;
  // A JSON import types this as `string`; validateConfig rejects anything else at runtime.
  rolloutStrategy?: RolloutStrategy | (string & {});
  since?: string;
  stable?: boolean;
  dependencies?: string[];
  rollout?: RolloutDefinition;
  metadata?: { [key: string]: JsonValue };
  /** Not in a Victor flag: `state` and `variants` make an entry a flagd flag (`FlagdDefinition`). */
  state?: never;
  variants?: never;
}

/** Flag and flag-set metadata in the flagd format: flat string, number and boolean values. */
export type FlagdMetadataConfig = { [key: string]: string | number | boolean };

/** Keys of a Victor flag, absent from a flagd flag (`default` makes an entry a Victor flag); readable as `undefined`. */
type VictorOnlyKeys = { [K in Exclude<keyof FlagDefinition, "metadata" | "state" | "variants">]?: never };

/**
 * One flag in the flagd format (docs/targeting.md): variants of any JSON type, a JSONLogic rule
 * choosing one. `state` and `variants` are required; an entry with them is a flagd flag.
 */
export interface FlagdDefinition extends VictorOnlyKeys {
  /** `"ENABLED"` or `"DISABLED"`; typed `string` too so a JSON import type-checks (validateConfig rejects others). */
  state: "ENABLED" | "DISABLED" | (string & {});
  /** Variant name to value, of any JSON type; at least one. */
  variants: { [variant: string]: JsonInput };
  /** The variant when no rule matches; absent or `null`: the caller's fallback answers. */
  defaultVariant?: string | null;
  /** A JSONLogic rule (with flagd's operations and `$ref`) answering a variant name; `{}` or `null`: no rule. */
  targeting?: { [operation: string]: JsonInput | undefined } | null;
  metadata?: FlagdMetadataConfig;
}

/** An A/B experiment: variant `i` gets `weights[i]` of subjects. */
export interface ExperimentDefinition {
  variants: string[];
  weights: number[];
  salt?: string;
  description?: string;
}

/**
 * The config document: static object, JSON file or remote response. Victor flags, flagd flags
 * (docs/targeting.md) or both: a flagd document type-checks as it is.
 */
export interface FlagConfig {
  $schema?: string;
  /**
   * `1`, required once the document uses Victor's shapes (a flag with `default`, `experiments`,
   * `feature_flags`); a document of flagd flags alone may leave it out. validateConfig checks
   * both; typed `number` so a JSON import type-checks.
   */
  version?: number;
  /** Victor flags (`default`) and flagd flags (`state` and `variants`), by key. */
  flags: { [name: string]: FlagDefinition | FlagdDefinition };
  /** flagd: named rule fragments that rules use as `{ "$ref": "name" }`. */
  $evaluators?: { [name: string]: JsonInput };
  /** flagd: flag-set metadata, under every flagd flag's own. */
  metadata?: FlagdMetadataConfig;
  experiments?: { [name: string]: ExperimentDefinition };
  feature_flags?: { [name: string]: boolean };
}

/** Who the flags are evaluated for. `userId` is the bucketing subject. */
export interface FlagContext {
  userId?: string;
  [attribute: string]: JsonValue | undefined;
}

/** The resolution layer that decided a flag's value (the documented contract). */
/** The layer that decided a flag's value; `targeting` is a flagd flag's own evaluation (variants and rules). */
export type FlagSource = "env" | "runtime" | "config" | "rollout" | "default" | "dependency" | "targeting";

/** Why a flag has the value it has. */
export interface Explanation {
  name: string;
  value: boolean;
  source: FlagSource;
  reason: string;
  /** Whether the name is declared in the config or was created by `setFlag`/env. */
  known: boolean;
  /** For `source: "dependency"`: the dependency that was off. */
  dependency?: string;
  /** For `source: "runtime"`: who set the override (`runtime`, `qa`, `auto_rollback`, ...). */
  overrideSource?: string;
  /** What every resolution layer said, highest first (absent layers had nothing to say). */
  layers?: ExplanationLayers;
  /** For a flagd flag: what its variants and rules answer, and which rule matched and why. */
  flagd?: FlagdExplanationDetails;
}

/** A flagd flag's own answer in an explanation: variant, flagd reason, error code and the rule trace. */
export interface FlagdExplanationDetails {
  /** The flag's value (any JSON type); `undefined` when the flag answers the caller's fallback. */
  value: JsonValue | undefined;
  variant: string | undefined;
  reason: FlagdReason;
  errorCode?: FlagdErrorCode;
  errorMessage?: string;
  /** The rule's choices, in order: `flags.a.targeting.if[1]: condition flags.a.targeting.if[0] held`. */
  trace: readonly string[];
}

/** Per-layer data of an explanation (the documented contract): the layers that applied to the flag. */
export interface ExplanationLayers {
  env?: { value: boolean; variable: string };
  runtime?: { value: boolean; source: string };
  /** The `feature_flags` value map's entry. */
  config?: boolean;
  /** The subject's position in [0, 1) for the rollout's seed, and whether it falls inside. */
  rollout?: { percentage: number; seed: string; subject: string; position: number; inside: boolean };
  /** The definition's default (false for ad-hoc and unknown flags). */
  default: boolean;
}

/** How a variant was chosen. */
export interface VariantExplanation {
  experiment: string;
  variant: string | undefined;
  source: "runtime" | "bucket" | "unknown";
  reason: string;
  overrideSource?: string;
}

/** The resolved definition of a flag, as `getFlagMetadata` returns it. */
export interface FlagMetadata {
  name: string;
  description: string;
  default: boolean;
  rolloutStrategy: RolloutStrategy;
  since: string | undefined;
  stable: boolean;
  dependencies: readonly string[];
  rollout: Readonly<RolloutDefinition> | undefined;
  metadata: Readonly<{ [key: string]: JsonValue }>;
  /** True for a flag created by `setFlag` or an env override without a declaration. */
  adHoc: boolean;
}

/** A value that the audit log records: a flag's boolean, a flagd flag's value of any JSON type (`null`: it answered the caller's fallback) or an experiment's variant. */
export type AuditValue = JsonValue;

/** One recorded change. */
export interface AuditEntry {
  id: string;
  timestamp: string;
  flagName: string;
  oldValue: AuditValue;
  newValue: AuditValue;
  source: string;
  /** flagd flags: the variant before the change, when the value was a variant's. */
  oldVariant?: string;
  /** flagd flags: the variant after the change, when the value is a variant's. */
  newVariant?: string;
}

/** Where the current config came from. */
export type ConfigOrigin = "static" | "bootstrap" | "cache" | "network" | "none";

/** Loading state of the manager's config, as `useFlagsStatus` reports it. */
export interface FlagsStatus {
  ready: boolean;
  loading: boolean;
  error: Error | null;
  source: ConfigOrigin;
  /** Set while a remote source keeps serving the last good config after failures. */
  stale: boolean;
  /**
   * Set when the source received a newer document and rejected it (invalid JSON or config, too
   * large): the app runs on the last good config although the server has moved on. Cleared when
   * a document is applied or the server confirms the one held.
   */
  rejectedUpdate?: Error;
}

/** An immutable picture of every effective value; replaced only when something changed. */
export interface FlagsSnapshot {
  readonly version: number;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly variants: Readonly<Record<string, string | undefined>>;
}

/** A flag or variant the UI actually showed to a subject. */
export interface ExposureEvent {
  kind: "flag" | "variant";
  name: string;
  value: boolean | string | undefined;
  subject: string;
  timestamp: number;
}

/** A list of problems found in a config document. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** What `validateConfig` returns. */
export interface ValidationResult {
  valid: boolean;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}
