import { entryOf, section } from "./flag-evaluation.js";
import { emptyRecord } from "./safe-record.js";
import type { FlagConfig, FlagMetadata, JsonValue, RolloutStrategy } from "./types.js";

// Definitions are turned into `FlagMetadata` only when someone asks (devtools, the CLI,
// useFlagMetadata), one flag at a time, and kept for as long as the document is current: load
// time and memory stay proportional to what is read.

/** An experiment as `getExperiments()` lists it. */
export interface CompiledExperiment {
  readonly name: string;
  readonly variants: readonly string[];
  readonly weights: readonly number[];
  readonly seed: string;
  readonly description: string;
}

const EMPTY: readonly string[] = Object.freeze([]);
const EMPTY_METADATA = Object.freeze({});

const freezeDeep = <T>(value: T): T => {
  // Iterative: metadata depth is bounded by validation, but a trusted static config is not validated.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v && typeof v === "object" && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return value;
};

function copyJson(value: unknown): { [key: string]: JsonValue } {
  try {
    // A copy, so neither the caller nor the SDK can change the config through it.
    const copy = JSON.parse(JSON.stringify(value ?? {})) as unknown;
    return copy && typeof copy === "object" && !Array.isArray(copy) ? (copy as { [key: string]: JsonValue }) : {};
  } catch {
    return {};
  }
}

/** Metadata of a flag that exists only because of `setFlag` or an env override. */
export function adHocMetadata(name: string): FlagMetadata {
  return Object.freeze({
    name,
    description: "",
    default: false,
    rolloutStrategy: "immediate",
    since: undefined,
    stable: false,
    dependencies: EMPTY,
    rollout: undefined,
    metadata: EMPTY_METADATA,
    adHoc: true,
  });
}

/** The definition of a declared flag with defaults filled in, deep-frozen; `undefined` when not declared. */
export function compileMetadata(doc: FlagConfig | undefined, name: string): FlagMetadata | undefined {
  const def = entryOf(doc, "flags", name);
  if (def === undefined) return undefined;
  const r = def.rollout as { percentage?: unknown; salt?: unknown } | undefined;
  const rollout =
    r && typeof r === "object" && typeof r.percentage === "number"
      ? Object.freeze({ percentage: r.percentage, ...(typeof r.salt === "string" ? { salt: r.salt } : {}) })
      : undefined;
  const deps = Array.isArray(def.dependencies) ? Object.freeze(def.dependencies.filter((d): d is string => typeof d === "string")) : EMPTY;
  const metadata = def.metadata === undefined ? EMPTY_METADATA : freezeDeep(copyJson(def.metadata));
  return Object.freeze({
    name,
    description: typeof def.description === "string" ? def.description : "",
    default: def.default === true,
    rolloutStrategy: (typeof def.rolloutStrategy === "string" ? def.rolloutStrategy : rollout ? "gradual" : "immediate") as RolloutStrategy,
    since: typeof def.since === "string" ? def.since : undefined,
    stable: def.stable === true,
    dependencies: deps,
    rollout,
    metadata,
    adHoc: false,
  });
}

/** One declared experiment of a document, read from its definition alone; `undefined` when not declared. */
export function compileExperiment(doc: FlagConfig | undefined, name: string): CompiledExperiment | undefined {
  const exp = entryOf(doc, "experiments", name);
  if (exp === undefined) return undefined;
  return Object.freeze({
    name,
    variants: Object.freeze(Array.isArray(exp.variants) ? exp.variants.filter((v): v is string => typeof v === "string") : []),
    weights: Object.freeze(Array.isArray(exp.weights) ? exp.weights.filter((w): w is number => typeof w === "number") : []),
    seed: typeof exp.salt === "string" ? exp.salt : name,
    description: typeof exp.description === "string" ? exp.description : "",
  });
}

/** Every declared experiment of a document, in document order. */
export function compileExperiments(doc: FlagConfig | undefined): CompiledExperiment[] {
  return Object.keys(section(doc, "experiments") ?? {}).flatMap((name) => compileExperiment(doc, name) ?? []);
}

/** A per-document cache of compiled metadata: the same object per name until the document changes. */
export class MetadataCache {
  private doc: FlagConfig | undefined;
  private byName = emptyRecord<FlagMetadata | undefined>();

  private adHoc = emptyRecord<FlagMetadata>();

  /** Metadata of `name` in `doc` when declared, else ad hoc when `adHoc`; one object per name and document. */
  get(doc: FlagConfig | undefined, name: string, adHoc: boolean): FlagMetadata | undefined {
    if (doc !== this.doc) {
      this.doc = doc;
      this.byName = emptyRecord();
    }
    if (!(name in this.byName)) this.byName[name] = compileMetadata(doc, name);
    const meta = this.byName[name];
    if (meta !== undefined) return meta;
    return adHoc ? (this.adHoc[name] ??= adHocMetadata(name)) : undefined;
  }
}
