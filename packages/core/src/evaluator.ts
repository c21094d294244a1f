import { inRollout } from "./bucketing.js";
import type { CompiledFlag } from "./compiled-config.js";
import type { Explanation, FlagSource } from "./types.js";

/** A runtime override and who set it. */
export interface RuntimeOverride {
  readonly value: boolean;
  readonly source: string;
}

/** Everything a flag's value depends on besides its dependencies (SPEC §3 layers 1–5). */
export interface EvaluationLayers {
  readonly flags: Readonly<Record<string, CompiledFlag>>;
  readonly env: Readonly<Record<string, boolean>>;
  readonly envVariables: Readonly<Record<string, string>>;
  readonly runtime: Readonly<Record<string, RuntimeOverride>>;
  readonly config: Readonly<Record<string, boolean>>;
}

/** The value a flag resolves to before the dependency gate (layers 1–5). */
export function resolveRaw(flag: CompiledFlag, layers: EvaluationLayers, subject: string): boolean {
  const name = flag.name;
  const env = layers.env[name];
  if (env !== undefined) return env;
  const runtime = layers.runtime[name];
  if (runtime !== undefined) return runtime.value;
  const config = layers.config[name];
  if (config !== undefined) return config;
  if (flag.rolloutPercentage !== undefined) return inRollout(flag.seed, subject, flag.rolloutPercentage);
  return flag.default;
}

/** Layer 6: on only when resolved on and every dependency is effectively on. */
export function gate(flag: CompiledFlag, raw: boolean, effective: (name: string) => boolean): boolean {
  if (!raw) return false;
  for (const dep of flag.dependencies) if (!effective(dep)) return false;
  return true;
}

/**
 * Effective value of one flag for a subject without touching shared state (recursive over
 * dependencies, memoised per call). This is what server-side per-request evaluation uses.
 */
export function evaluatePure(name: string, layers: EvaluationLayers, subject: string, memo = new Map<string, boolean>()): boolean {
  const cached = memo.get(name);
  if (cached !== undefined) return cached;
  const flag = layers.flags[name];
  if (!flag) return false;
  const value = gate(flag, resolveRaw(flag, layers, subject), (dep) => evaluatePure(dep, layers, subject, memo));
  memo.set(name, value);
  return value;
}

/** Why a flag has its value: the winning layer, in words, and the dependency that gated it. */
export function explainFlag(
  name: string,
  layers: EvaluationLayers,
  subject: string,
  effective: (name: string) => boolean,
  known: boolean,
): Explanation {
  const flag = layers.flags[name];
  if (!flag) return { name, value: false, source: "default", reason: `unknown flag "${name}": not declared in the config, so it is off`, known: false };
  let source: FlagSource;
  let reason: string;
  let raw: boolean;
  let overrideSource: string | undefined;
  const env = layers.env[name];
  const runtime = layers.runtime[name];
  const config = layers.config[name];
  if (env !== undefined) {
    raw = env;
    source = "env";
    reason = `environment variable ${layers.envVariables[name] ?? `VICTOR_FEATURE_${name.toUpperCase()}`} sets it ${env ? "on" : "off"}`;
  } else if (runtime !== undefined) {
    raw = runtime.value;
    source = "runtime";
    overrideSource = runtime.source;
    reason = `runtime override (source: ${runtime.source}) sets it ${runtime.value ? "on" : "off"}`;
  } else if (config !== undefined) {
    raw = config;
    source = "config";
    reason = `config value map (feature_flags) sets it ${config ? "on" : "off"}`;
  } else if (flag.rolloutPercentage !== undefined) {
    raw = inRollout(flag.seed, subject, flag.rolloutPercentage);
    source = "rollout";
    reason = `subject "${subject}" is ${raw ? "inside" : "outside"} the ${flag.rolloutPercentage}% rollout`;
  } else {
    raw = flag.default;
    source = "default";
    reason = `definition default is ${flag.default ? "on" : "off"}`;
  }
  if (raw) {
    const off = flag.dependencies.find((dep) => !effective(dep));
    if (off !== undefined) {
      return {
        name,
        value: false,
        source: "dependency",
        reason: `resolved on (${source}) but dependency "${off}" is off`,
        known,
        dependency: off,
        ...(overrideSource ? { overrideSource } : {}),
      };
    }
  }
  return { name, value: raw, source, reason, known, ...(overrideSource ? { overrideSource } : {}) };
}
