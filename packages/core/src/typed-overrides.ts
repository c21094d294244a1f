// Overrides of flagd flags' typed values (`setFlag("banner-text", "nl")`, env, QA, profile): what
// the top layers hold, and how a given value becomes one. A flagd flag is overridden by a variant
// name or a value of the flag's type; anything else is refused, naming the flag and its variants.

import { InvalidArgumentError } from "./errors.js";
import { entryOf } from "./flag-evaluation.js";
import { MAX_CONFIG_DEPTH } from "./limits.js";
import { emptyRecord, hasOwn, isPlainObject } from "./safe-record.js";
import type { FlagConfig, JsonValue } from "./types.js";

/** A value a flag can answer: any JSON value but `null`. */
type Value = boolean | string | number | { [key: string]: JsonValue } | JsonValue[];

/** A flagd flag's override: its value (frozen) and the variant it named, if it named one. */
export interface FlagValueOverride {
  readonly value: Value;
  readonly variant: string | undefined;
}

/** What the top layers (env, runtime, QA) hold for a flag: a boolean, or a flagd flag's typed value. */
export type FlagOverride = boolean | FlagValueOverride;

// Typed overrides ride beside a store generation's boolean override record, in a map keyed by that
// record, so the light store's evaluation (flag-evaluation.ts) stays boolean and bundles none of
// this: the record holds `value === true` (what `isEnabled` answers), the map the value and variant.
const typedBy = /*#__PURE__*/ new WeakMap<object, Readonly<Record<string, FlagValueOverride>>>();

/** The typed overrides stored beside a generation's `flagOverrides` record, if any. */
export function typedOverridesOf(record: object): Readonly<Record<string, FlagValueOverride>> | undefined {
  return typedBy.get(record);
}

/** Stores typed overrides beside a new `flagOverrides` record (`mergeOverrides`). */
function setTypedOverrides(record: object, typed: Readonly<Record<string, FlagValueOverride>>): void {
  typedBy.set(record, typed);
}

/**
 * A new `flagOverrides` record: `record` with `flags` set (`undefined` removes one). A flagd
 * flag's typed override keeps its boolean reading in the record and its value and variant beside it.
 */
export function mergeOverrides(record: Readonly<Record<string, boolean>>, flags: Readonly<Record<string, FlagOverride | undefined>>): Record<string, boolean> {
  const next = Object.assign(emptyRecord<boolean>(), record);
  const typed = Object.assign(emptyRecord<FlagValueOverride>(), typedOverridesOf(record));
  for (const name of Object.keys(flags)) {
    const value = flags[name];
    delete typed[name];
    if (value === undefined) delete next[name];
    else if (typeof value === "boolean") next[name] = value;
    else {
      next[name] = value.value === true;
      typed[name] = value;
    }
  }
  setTypedOverrides(next, typed);
  return next;
}

/** A flagd flag's variants: name → value. */
export type FlagdVariants = Readonly<Record<string, JsonValue>>;

/** The variants of the flagd flag `key` of `doc`; `undefined` when `key` is not a flagd flag there. */
export function flagdVariantsOf(doc: FlagConfig | undefined, key: string): FlagdVariants | undefined {
  const def = entryOf(doc, "flags", key);
  if (def === undefined || !(hasOwn(def, "state") || hasOwn(def, "variants"))) return undefined;
  return isPlainObject(def.variants) ? (def.variants as FlagdVariants) : emptyRecord<JsonValue>();
}

/** The JSON type of a value as typed reads compare it (arrays are objects), or `undefined` when it is not JSON data. */
function jsonType(value: unknown, depth = 0): string | undefined {
  const t = typeof value;
  if (t === "boolean" || t === "string") return t;
  if (t === "number") return Number.isFinite(value) ? t : undefined;
  if (value === null) return "null";
  if (t !== "object" || depth >= MAX_CONFIG_DEPTH || !(Array.isArray(value) || isPlainObject(value))) return undefined;
  for (const item of Object.values(value as object)) if (jsonType(item, depth + 1) === undefined) return undefined;
  return "object";
}

/** The types the flag's variants have (`boolean`, `string`, `number`, `object`), in order of first use. */
export function flagValueTypes(variants: FlagdVariants): string[] {
  const types = new Set<string>();
  for (const name of Object.keys(variants)) {
    const t = jsonType(variants[name]);
    if (t !== undefined && t !== "null") types.add(t);
  }
  return Array.from(types);
}

/** Variant names as messages list them. */
export function describeVariants(variants: FlagdVariants): string {
  const names = Object.keys(variants);
  return names.length === 0 ? "none" : names.join(", ");
}

function frozenCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  const copy = (Array.isArray(value) ? value.map(frozenCopy) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, frozenCopy(v)]))) as T;
  return Object.freeze(copy);
}

/** The override a variant name stands for, or `undefined` when the flag has no such variant. */
export function variantOverride(variants: FlagdVariants, name: string): FlagValueOverride | undefined {
  if (!hasOwn(variants, name)) return undefined;
  const value = variants[name];
  return value === null || value === undefined ? undefined : Object.freeze({ value: frozenCopy(value as Value), variant: name });
}

function preview(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= typeof value === "function" ? "a function" : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The override `setFlag(key, value)` sets on a flagd flag: a variant name (it wins over a string
 * value of the same text), or a value of the flag's type (`0`, `""`, `false`, `{}` included).
 * Anything else throws an `InvalidArgumentError` naming the flag and its variants.
 */
export function overrideFromValue(key: string, variants: FlagdVariants, value: unknown): FlagOverride {
  if (typeof value === "string") {
    const named = variantOverride(variants, value);
    if (named !== undefined) return named;
  }
  const types = flagValueTypes(variants);
  const type = jsonType(value);
  if (type !== undefined && types.includes(type)) return type === "boolean" ? (value as boolean) : Object.freeze({ value: frozenCopy(value as Value), variant: undefined });
  const kind = types.length === 0 ? "" : ` is a ${types.join("/")} flag:`;
  throw new InvalidArgumentError(
    `setFlag("${key}", ${preview(value)}): flag "${key}"${kind} give a variant name (variants: ${describeVariants(variants)})${types.length === 0 ? "" : ` or a ${types.join(" or ")} value`}`,
  );
}

/** The value an override answers typed reads with. */
export function overrideValue(override: FlagOverride): Value {
  return typeof override === "boolean" ? override : override.value;
}

/** Whether two overrides say the same thing (values compared as JSON). */
export function sameOverride(a: FlagOverride | undefined, b: FlagOverride | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || typeof a === "boolean" || typeof b === "boolean") return false;
  return a.variant === b.variant && JSON.stringify(a.value) === JSON.stringify(b.value);
}
