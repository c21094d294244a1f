import { bucketPosition } from "./bucketing.js";
import type { FlagRule } from "./flag-evaluation.js";
import { NOT_INSTALLED } from "./flag-values.js";
import type { Explanation, FlagdExplanationDetails, FlagSource } from "./types.js";

/** A runtime override and who set it. */
export interface RuntimeOverride {
  readonly value: boolean;
  readonly source: string;
}

/** What `explainFlag` needs to know about one flag. */
export interface ExplainInput {
  readonly name: string;
  /** The declared definition, or `undefined` for an ad-hoc or unknown name. */
  readonly rule: FlagRule | undefined;
  /** Whether the name exists at all (declared, or given a value by an override). */
  readonly exists: boolean;
  readonly env: boolean | undefined;
  readonly envVariable: string | undefined;
  readonly runtime: RuntimeOverride | undefined;
  /** The bucketing subject (resolved only when a rollout needs it). */
  readonly subject: () => string;
  /** Effective value of a dependency in the same context. */
  readonly effective: (name: string) => boolean;
  /** For a flagd flag: its own answer with the rule trace and why; absent when the engine is not installed. */
  readonly flagd?: () => { details: FlagdExplanationDetails | undefined; reason: string };
}

/**
 * Which layer decided a flag's value, why, and what every layer said (`layers`), so tools such
 * as the CLI show the same resolution the SDK performs instead of re-implementing it.
 */
export function explainFlag(input: ExplainInput): Explanation {
  const { name, rule, env, runtime } = input;
  if (!input.exists) {
    return { name, value: false, source: "default", reason: `unknown flag "${name}": not declared in the config, so it is off`, known: false, layers: { default: false } };
  }
  const layers: NonNullable<Explanation["layers"]> = { default: rule?.default ?? false };
  if (env !== undefined) layers.env = { value: env, variable: input.envVariable ?? `VICTOR_FEATURE_${name.toUpperCase()}` };
  if (runtime !== undefined) layers.runtime = { value: runtime.value, source: runtime.source };
  if (rule?.configValue !== undefined) layers.config = rule.configValue;
  if (rule?.percentage !== undefined) {
    const subject = input.subject();
    const position = bucketPosition(rule.seed, subject);
    layers.rollout = { percentage: rule.percentage, seed: rule.seed, subject, position, inside: position < rule.percentage / 100 };
  }
  const explained = rule?.flagd ? input.flagd?.() : undefined;
  const flagd = explained?.details;
  let source: FlagSource;
  let reason: string;
  let raw: boolean;
  if (layers.env !== undefined) {
    raw = layers.env.value;
    source = "env";
    reason = `environment variable ${layers.env.variable} sets it ${raw ? "on" : "off"}`;
  } else if (runtime !== undefined) {
    raw = runtime.value;
    source = "runtime";
    reason = `runtime override (source: ${runtime.source}) sets it ${raw ? "on" : "off"}`;
  } else if (layers.config !== undefined) {
    raw = layers.config;
    source = "config";
    reason = `config value map (feature_flags) sets it ${raw ? "on" : "off"}`;
  } else if (rule?.flagd) {
    raw = flagd?.value === true;
    source = "targeting";
    reason = explained?.reason ?? `off: ${NOT_INSTALLED}`;
  } else if (layers.rollout !== undefined) {
    raw = layers.rollout.inside;
    source = "rollout";
    reason = `subject "${layers.rollout.subject}" is ${raw ? "inside" : "outside"} the ${layers.rollout.percentage}% rollout`;
  } else {
    raw = layers.default;
    source = "default";
    reason = `definition default is ${raw ? "on" : "off"}`;
  }
  const known = rule !== undefined;
  const extra = { ...(source === "runtime" ? { overrideSource: runtime!.source } : {}), ...(flagd ? { flagd } : {}) };
  if (raw && rule !== undefined) {
    const off = rule.dependencies.find((dep) => !input.effective(dep));
    if (off !== undefined) {
      return { name, value: false, source: "dependency", reason: `resolved on (${source}) but dependency "${off}" is off`, known, dependency: off, layers, ...extra };
    }
  }
  return { name, value: raw, source, reason, known, layers, ...extra };
}
