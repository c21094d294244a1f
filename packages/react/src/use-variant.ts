import type { ExperimentName, VariantOf } from "@victor-flags/core";
import { useVariantValue } from "./use-flag-store.js";

/**
 * The current subject's variant of an experiment (`undefined` when the experiment is unknown);
 * re-renders only when that variant changes. The exposure is recorded after commit, deduplicated.
 */
export function useVariant<E extends ExperimentName>(experiment: E): VariantOf<E> | undefined {
  return useVariantValue("useVariant()", experiment) as VariantOf<E> | undefined;
}
