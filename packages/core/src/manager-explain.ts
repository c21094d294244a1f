// The manager's explanations: what each of its layers says about one flag or experiment, handed
// to explainFlag (which words the resolution). Kept apart so the manager holds state and writes.
import { explainFlag, type RuntimeOverride } from "./explain.js";
import { entryOf, flagdHook, ruleOf, type Generation } from "./flag-evaluation.js";
import type { FlagsView } from "./flag-store.js";
import type { ExtendedFlagStore } from "./flag-store-extension.js";
import type { EnvLayer } from "./manager-env.js";
import type { VariantOverride } from "./manager-options.js";
import { hasOwn } from "./safe-record.js";
import { overrideValue, type FlagOverride } from "./typed-overrides.js";
import type { Explanation, VariantExplanation } from "./types.js";

/** A runtime override (a boolean, or a flagd flag's variant or value) and who set it. */
export type RuntimeEntry = { readonly override: FlagOverride; readonly source: string };

/**
 * Explains `name` with the manager's env layer and runtime overrides, in a view of the store (the
 * current one, or another context's) and its generation.
 */
export function explainLayers(store: ExtendedFlagStore, env: EnvLayer, runtime: Readonly<Record<string, RuntimeEntry>>, name: string, view: FlagsView, g: Generation): Explanation {
  const rule = ruleOf(store.getConfig(), name);
  const hook = flagdHook;
  return explainFlag({
    name,
    rule,
    exists: rule !== undefined || hasOwn(env.values, name) || hasOwn(runtime, name),
    // explain's layers are booleans: a typed override reads as on only when its value is true
    env: env.values[name] === undefined ? undefined : overrideValue(env.values[name]!) === true,
    envVariable: env.variables[name],
    runtime: runtimeOf(runtime[name]),
    subject: () => view.getSubject(),
    effective: (dep) => view.isEnabled(dep),
    // through the hook slot: the manager does not import the engine (docs/targeting.md, "Loading")
    flagd: hook && (() => hook.explain(g, name)),
  });
}

/** How the current variant of `experiment` was chosen: a forced variant, or the subject's bucket. */
export function explainVariantOf(store: ExtendedFlagStore, experiment: string, override: VariantOverride | undefined): VariantExplanation {
  const exp = entryOf(store.getConfig(), "experiments", experiment);
  if (!exp) return { experiment, variant: undefined, source: "unknown", reason: `unknown experiment "${experiment}"` };
  if (override) return { experiment, variant: override.variant, source: "runtime", reason: `runtime override (source: ${override.source})`, overrideSource: override.source };
  const variant = store.getVariant(experiment);
  const weights = Array.isArray(exp.weights) ? exp.weights : [];
  return { experiment, variant, source: "bucket", reason: `subject "${store.getSubject()}" hashes into the "${variant}" range of weights [${weights.join(", ")}]` };
}

/** What `explain()` shows of a runtime override: its value as a boolean (typed values read as on only when `true`). */
function runtimeOf(entry: RuntimeEntry | undefined): RuntimeOverride | undefined {
  return entry === undefined ? undefined : { value: overrideValue(entry.override) === true, source: entry.source };
}
