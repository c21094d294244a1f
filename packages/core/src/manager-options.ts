import { InvalidArgumentError } from "./errors.js";
import type { KeyValueStorage, Logger } from "./platform.js";
import { isReservedName } from "./safe-record.js";
import type { ConfigOrigin, Explanation, FlagConfig, FlagContext, JsonValue } from "./types.js";

/** Options of `new FeatureFlagManager(...)`; every one is optional. */
export interface FeatureFlagManagerOptions {
  /** The config document of "The config document" (README); an invalid one throws a `ConfigError`. */
  config?: FlagConfig;
  /** Who flags are evaluated for; `userId` is the bucketing subject. */
  context?: FlagContext;
  /** `VICTOR_FEATURE_*` strings (also `VITE_`/`NEXT_PUBLIC_` forms): the highest layer. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the anonymous subject id is kept (default: localStorage in browsers, else memory). */
  storage?: KeyValueStorage;
  /** Where warnings and listener errors go (default: console). */
  logger?: Logger;
  /** How many audit entries to keep (default 1000). */
  auditLogSize?: number;
  /** Where `config` came from, for `getStatus().source` (default "static"). */
  configOrigin?: ConfigOrigin;
}

/** Options of `setFlag`. */
export interface SetFlagOptions {
  /** Who set the override, recorded in the audit log and `explain()` (default "runtime"). */
  source?: string;
}

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /** Where the document came from (default "static"). */
  origin?: ConfigOrigin;
  /** `source` of the audit entries for flags the new document changes (default: "remote" for network, else "config"). */
  auditSource?: string;
}

/** `evaluate()`'s answer: the explanation of a flag for one context, computed without side effects. */
export type Evaluation = Explanation;

/**
 * What changed, for `onFlagChanged` callbacks: old and new values (a flagd flag's of any JSON
 * type, `null` when it answers the caller's fallback; a Victor flag's effective boolean) and variants.
 */
export interface FlagChange {
  readonly oldValue: JsonValue;
  readonly newValue: JsonValue;
  readonly oldVariant: string | undefined;
  readonly newVariant: string | undefined;
}

/**
 * `(name, value)` after a flag's value changed, `value` being the effective boolean (`isEnabled`).
 * For a flagd flag, `change` carries its old and new values of any type and their variants.
 */
export type FlagCallback = (name: string, value: boolean, change?: FlagChange) => void;

/** A forced variant and who forced it. */
export type VariantOverride = { readonly variant: string; readonly source: string };

export function checkName(name: unknown, what: string): asserts name is string {
  if (typeof name !== "string" || name === "") throw new InvalidArgumentError(`${what} must be a non-empty string, got ${JSON.stringify(name) ?? String(name)}`);
  if (isReservedName(name)) throw new InvalidArgumentError(`"${name}" is a reserved name and cannot be a ${what.split(" ")[0]}`);
}

export function checkSource(source: unknown, method: string): asserts source is string {
  if (typeof source !== "string" || source === "") throw new InvalidArgumentError(`${method}: source must be a non-empty string`);
}

