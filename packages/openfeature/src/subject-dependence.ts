import type { FeatureFlagManager } from "@victor-flags/core";
import { findExperiment, isSplitExperiment, isSplitRollout } from "./resolution.js";

/**
 * Whether a flag's effective value can differ from one subject to another under the current
 * config: its winning layer is a rollout that splits subjects, or it is on (or gated) through a
 * dependency that does. Overrides and config values decide the same for everyone.
 */
export function flagDependsOnSubject(manager: FeatureFlagManager, name: string, seen = new Set<string>()): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  const meta = manager.getFlagMetadata(name);
  if (!meta) return false;
  // Evaluated for the manager's own subject: only which layer wins matters here, and that is
  // the same for every subject (only the rollout layer's answer varies).
  const explanation = manager.evaluate(name, {});
  if (explanation.source === "rollout" && isSplitRollout(meta)) return true;
  // Gated off: off for everyone unless the dependency that gated it varies by subject.
  if (explanation.source === "dependency") return explanation.dependency !== undefined && flagDependsOnSubject(manager, explanation.dependency, seen);
  if (!explanation.value) return false;
  return meta.dependencies.some((dep) => flagDependsOnSubject(manager, dep, seen));
}

/** Whether an experiment's variant can differ between subjects (no forced variant, several weighted). */
export function experimentDependsOnSubject(manager: FeatureFlagManager, name: string): boolean {
  const experiment = findExperiment(manager, name);
  if (!experiment || !isSplitExperiment(experiment)) return false;
  return manager.explainVariant(name).source !== "runtime";
}
