// Two declared keys that one VICTOR_FEATURE_ variable would override together (`new-checkout`
// and `new_checkout`) are a config error: validateConfig reports it with this check.

import { flagEnvVariable } from "./flag-name.js";
import { pathOf } from "./targeting/flagd-structure.js";

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
