import { directDependents, topologicalOrder } from "./dependency-graph.js";
import { emptyRecord, toSafeRecord } from "./safe-record.js";
import type { FlagConfig, FlagMetadata, JsonValue, RolloutStrategy } from "./types.js";

/** A flag definition with defaults filled in, as the evaluator reads it. */
export interface CompiledFlag {
  readonly name: string;
  readonly default: boolean;
  readonly dependencies: readonly string[];
  /** Percentage 0–100 when the flag has a gradual rollout. */
  readonly rolloutPercentage: number | undefined;
  readonly seed: string;
  readonly metadata: FlagMetadata;
}

/** An experiment ready to bucket. */
export interface CompiledExperiment {
  readonly name: string;
  readonly variants: readonly string[];
  readonly weights: readonly number[];
  readonly seed: string;
  readonly description: string;
}

/** A validated config document turned into lookup tables. */
export interface CompiledConfig {
  readonly flags: Readonly<Record<string, CompiledFlag>>;
  readonly experiments: Readonly<Record<string, CompiledExperiment>>;
  readonly values: Readonly<Record<string, boolean>>;
}

const freezeDeep = <T>(value: T): T => {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeDeep(v);
  }
  return value;
};

/** Builds a flag that exists only because of `setFlag` or an env override. */
export function adHocFlag(name: string): CompiledFlag {
  return {
    name,
    default: false,
    dependencies: [],
    rolloutPercentage: undefined,
    seed: name,
    metadata: Object.freeze({
      name,
      description: "",
      default: false,
      rolloutStrategy: "immediate",
      since: undefined,
      stable: false,
      dependencies: Object.freeze([]),
      rollout: undefined,
      metadata: Object.freeze({}),
      adHoc: true,
    }),
  };
}

/** Compiles a document that `validateConfig` accepted (call it only on valid documents). */
export function compileConfig(doc: FlagConfig): CompiledConfig {
  const flags = emptyRecord<CompiledFlag>();
  for (const name of Object.keys(doc.flags)) {
    const def = doc.flags[name]!;
    const dependencies = Object.freeze([...(def.dependencies ?? [])]);
    const rollout = def.rollout ? Object.freeze({ ...def.rollout }) : undefined;
    flags[name] = {
      name,
      default: def.default,
      dependencies,
      rolloutPercentage: rollout?.percentage,
      seed: rollout?.salt ?? name,
      metadata: Object.freeze({
        name,
        description: def.description ?? "",
        default: def.default,
        rolloutStrategy: (def.rolloutStrategy ?? (rollout ? "gradual" : "immediate")) as RolloutStrategy,
        since: def.since,
        stable: def.stable ?? false,
        dependencies,
        rollout,
        // metadata is read-only to the SDK: a deep frozen copy so no caller can change the config
        metadata: freezeDeep(structuredCloneJson(def.metadata ?? {})),
        adHoc: false,
      }),
    };
  }
  const experiments = emptyRecord<CompiledExperiment>();
  for (const name of Object.keys(doc.experiments ?? {})) {
    const exp = doc.experiments![name]!;
    experiments[name] = Object.freeze({
      name,
      variants: Object.freeze([...exp.variants]),
      weights: Object.freeze([...exp.weights]),
      seed: exp.salt ?? name,
      description: exp.description ?? "",
    });
  }
  const values = emptyRecord<boolean>();
  const declared = toSafeRecord(doc.feature_flags);
  for (const name of Object.keys(declared)) if (name in flags) values[name] = declared[name] as boolean;
  return { flags, experiments, values };
}

function structuredCloneJson(value: { [key: string]: JsonValue }): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
}

/** Evaluation order and reverse edges for a set of flags. */
export interface FlagGraph {
  readonly order: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

/** Topological order (dependencies first) and dependents of a flag table. */
export function buildGraph(flags: Readonly<Record<string, CompiledFlag>>): FlagGraph {
  const deps = emptyRecord<readonly string[]>();
  for (const name of Object.keys(flags)) deps[name] = flags[name]!.dependencies;
  const order = topologicalOrder(deps);
  const rank = new Map(order.map((name, i) => [name, i]));
  return { order, rank, dependents: directDependents(deps) };
}
