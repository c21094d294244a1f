// The engine's entry: compile the flagd flags of a config document in one call. The store calls
// it only when a document holds flagd flags, so a config without them bundles none of this.

import type { CompiledFlagdFlag, FlagdExplanation } from "./flagd-flag.js";
import { compileFlagdFlag } from "./flagd-flag.js";
import type { FlagdContext, FlagdDetails, FlagdFlagDefinition, FlagdMetadata, FlagdProblem } from "./flagd-types.js";
import { flagdDocumentErrors, flagdFlagErrors, isFlagdFlag, pathOf, unknownVariantWarnings } from "./flagd-validate.js";

/** The compiled flagd part of a document. */
export interface CompiledFlagdDocument {
  /** The flagd flags by key (Victor flags of the same document are not in here). */
  readonly flags: ReadonlyMap<string, CompiledFlagdFlag>;
  /** Flag-set metadata (the document's top-level `metadata`). */
  readonly metadata: FlagdMetadata;
  /** Structural problems: when any, `flags` is empty and the document must be rejected. */
  readonly errors: readonly FlagdProblem[];
  /** Rule problems: each names a flag that answers ERROR (or may), the rest works. */
  readonly warnings: readonly FlagdProblem[];
}

/** Options of compileFlagdDocument. */
export interface FlagdCompileOptions {
  /** Clock for `$flagd.timestamp`, ms since the epoch (default Date.now). */
  readonly now?: () => number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Compiles every flagd flag of `doc` (entries of `flags` with `state` or `variants`); never throws.
 * Structural errors come back in `errors` with no flags; rule faults in `warnings`.
 */
export function compileFlagdDocument(doc: unknown, options: FlagdCompileOptions = {}): CompiledFlagdDocument {
  const empty = new Map<string, CompiledFlagdFlag>();
  if (!isRecord(doc)) return { flags: empty, metadata: {}, errors: [{ path: "", message: "the document must be a JSON object" }], warnings: [] };
  if (!isRecord(doc.flags)) return { flags: empty, metadata: {}, errors: [{ path: "flags", message: "must be an object of flag key to definition" }], warnings: [] };
  const errors = flagdDocumentErrors(doc);
  const entries = Object.entries(doc.flags).filter(([, def]) => isFlagdFlag(def));
  for (const [key, def] of entries) errors.push(...flagdFlagErrors(key, def));
  const metadata: FlagdMetadata = Object.freeze({ ...(isRecord(doc.metadata) ? (doc.metadata as FlagdMetadata) : {}) });
  if (errors.length > 0) return { flags: empty, metadata, errors, warnings: [] };

  const evaluators = isRecord(doc.$evaluators) ? doc.$evaluators : {};
  const warnings: FlagdProblem[] = [];
  const flags = new Map<string, CompiledFlagdFlag>();
  for (const [key, raw] of entries) {
    const def = raw as unknown as FlagdFlagDefinition;
    const path = pathOf("flags", key);
    const flag = compileFlagdFlag(key, def, { evaluators, setMetadata: metadata, path, now: options.now });
    if (flag.fault) warnings.push({ path: flag.fault.path, message: `${flag.fault.message} (flag "${key}" answers ERROR)` });
    warnings.push(...flag.notes);
    if (!flag.fault && def.targeting) warnings.push(...unknownVariantWarnings(def.targeting, def.variants, evaluators, path));
    flags.set(key, flag);
  }
  return { flags, metadata, errors: [], warnings };
}

/** One flag's answer for `context` with the rule's choices (for `explain`); undefined for an unknown key. */
export function explainFlagd(doc: CompiledFlagdDocument, key: string, context?: FlagdContext): FlagdExplanation | undefined {
  return doc.flags.get(key)?.explain(context);
}

/** The value types a typed read can ask for. */
export type FlagdValueType = "boolean" | "string" | "number" | "object";

/** The type a fallback asks for: its typeof, with arrays and objects both "object". */
export function valueTypeOf(fallback: unknown): FlagdValueType | undefined {
  const t = typeof fallback;
  if (t === "boolean" || t === "string" || t === "number") return t;
  return t === "object" && fallback !== null ? "object" : undefined;
}

function matchesType(value: unknown, type: FlagdValueType): boolean {
  return type === "object" ? value !== null && typeof value === "object" : typeof value === type;
}

/**
 * A typed read of one flag: its value when it has one of `fallback`'s type, else `fallback`
 * with the reason and error code (FLAG_NOT_FOUND, TYPE_MISMATCH, or the flag's own error).
 */
export function resolveFlagd<T>(doc: CompiledFlagdDocument, key: string, fallback: T, context?: FlagdContext): FlagdDetails<T> {
  const flag = doc.flags.get(key);
  if (!flag) {
    return { value: fallback, variant: undefined, reason: "ERROR", errorCode: "FLAG_NOT_FOUND", errorMessage: `flag '${key}' not found`, metadata: doc.metadata };
  }
  const res = flag.fixed ?? flag.evaluate(context);
  const value = res.value;
  if (value === undefined) return { ...res, value: fallback };
  // the common case first: a primitive of the fallback's type
  const t = typeof value;
  if (t === typeof fallback && t !== "object") return res as FlagdDetails<T>;
  const type = valueTypeOf(fallback);
  if (type !== undefined && !matchesType(res.value, type)) {
    const got = res.value === null ? "null" : Array.isArray(res.value) ? "array" : typeof res.value;
    return {
      value: fallback,
      variant: undefined,
      reason: "ERROR",
      errorCode: "TYPE_MISMATCH",
      errorMessage: `Evaluated type of the flag ${key} does not match. Expected ${type}, got ${got}`,
      metadata: res.metadata,
    };
  }
  return res as FlagdDetails<T>;
}

// One grammar and one mapping for every layer (flag-name.ts); kept under the engine's names.
export { flagEnvVariable as envVariableName, envNameCollisions } from "../env-variable-names.js";
