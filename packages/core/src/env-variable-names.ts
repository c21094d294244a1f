// The environment variable of a flag key, and the check that two declared keys do not share one
// (`new-checkout` and `new_checkout` would be overridden together: validateConfig reports it).

import { pathOf } from "./targeting/flagd-structure.js";

/** The environment variable that overrides flag `name`: the prefix, then the name upper-cased with any other character as `_`. */
export function flagEnvVariable(name: string, prefix = "VICTOR_FEATURE_"): string {
  return prefix + name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/**
 * Errors for declared keys that map to one environment variable (`new-checkout` and
 * `new_checkout`): every key after the first of its variable, with its path.
 */
export function envNameCollisions(keys: Iterable<string>): { path: string; message: string }[] {
  const first = new Map<string, string>();
  const out: { path: string; message: string }[] = [];
  for (const key of keys) {
    const variable = flagEnvVariable(key);
    const earlier = first.get(variable);
    if (earlier === undefined) first.set(variable, key);
    else out.push({ path: pathOf("flags", key), message: `maps to env variable ${variable} like "${earlier}"; rename one of them` });
  }
  return out;
}
