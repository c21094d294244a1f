import type { FlagName } from "@victor-flags/core";
import { useFlagValue } from "./use-flag-store.js";

/**
 * The effective value of a flag; the component re-renders only when this flag's value changes.
 * An unknown name is `false`. The exposure is recorded after commit, once per subject and value.
 */
export function useFlag(name: FlagName): boolean {
  return useFlagValue("useFlag()", name);
}
