import type { ReactElement, ReactNode } from "react";
import type { ExperimentName, FlagName, VariantOf } from "@victor-flags/core";
import { useFlagValue, useVariantValue } from "./use-flag-store.js";

/** Props of `<FeatureGate>`. */
export interface FeatureGateProps {
  /** The flag that decides. */
  flag: FlagName;
  /** Rendered while the flag is off (default: nothing). */
  fallback?: ReactNode;
  /** Rendered while the flag is on. */
  children?: ReactNode;
}

/** Renders `children` while `flag` is on, else `fallback`; re-renders only when that flag moves. */
export function FeatureGate({ flag, fallback = null, children = null }: FeatureGateProps): ReactElement {
  return <>{useFlagValue("<FeatureGate>", flag) ? children : fallback}</>;
}

/** Props of `<Variant>`. */
export interface VariantProps<E extends ExperimentName = ExperimentName> {
  /** The experiment. */
  experiment: E;
  /** The variant (or variants) for which `children` render. */
  name: VariantOf<E> | readonly VariantOf<E>[];
  /** Rendered when the subject is in another variant, or the experiment is unknown (default: nothing). */
  fallback?: ReactNode;
  children?: ReactNode;
}

/**
 * Renders `children` when the current subject is in variant `name` of `experiment`. Place one
 * per branch: `<Variant experiment="e" name="control">…</Variant><Variant experiment="e" name="treatment_a">…</Variant>`.
 */
export function Variant<E extends ExperimentName>({ experiment, name, fallback = null, children = null }: VariantProps<E>): ReactElement {
  const variant = useVariantValue("<Variant>", experiment);
  const match = variant !== undefined && (typeof name === "string" ? variant === name : name.includes(variant));
  return <>{match ? children : fallback}</>;
}
