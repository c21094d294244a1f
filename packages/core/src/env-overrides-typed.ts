// Env overrides read against a config: each declared flagd key has its variable
// (`new-checkout.v2` → `VICTOR_FEATURE_NEW_CHECKOUT_V2`) whose value names one of the flag's
// variants. Kept apart from env-overrides.ts, so a provider that parses booleans bundles none of it.

import { ENV_PREFIXES, parseEnvBoolean, parseEnvOverrides, type EnvOverrides } from "./env-overrides.js";
import { section } from "./flag-evaluation.js";
import { flagEnvVariable } from "./env-variable-names.js";
import { describeVariants, flagdVariantsOf, flagValueTypes, variantOverride, type FlagdVariants, type FlagValueOverride } from "./typed-overrides.js";
import type { FlagConfig } from "./types.js";

/**
 * What a text override (an env variable, a QA entry) of a flagd flag stands for: a variant name
 * (exact, else trimmed), or for a flag of boolean variants `true/false/1/0/yes/no/on/off`;
 * `undefined` for anything else.
 */
export function flagdOverrideFromText(variants: FlagdVariants, text: string): FlagValueOverride | boolean | undefined {
  const named = variantOverride(variants, text) ?? variantOverride(variants, text.trim());
  if (named !== undefined) return named;
  const types = flagValueTypes(variants);
  return types.length === 1 && types[0] === "boolean" ? parseEnvBoolean(text) : undefined;
}

/** The variants a text override of a flagd flag may name, as messages list them: `(variants: nl, en)`, plus booleans for a boolean flag. */
export function flagdTextChoices(variants: FlagdVariants): string {
  const types = flagValueTypes(variants);
  return `(variants: ${describeVariants(variants)})${types.length === 1 && types[0] === "boolean" ? " or a boolean (true/false, 1/0)" : ""}`;
}

/**
 * Reads `VICTOR_FEATURE_<NAME>` (and `VITE_`/`NEXT_PUBLIC_` forms) against a config: each declared
 * flagd key has its variable (`new-checkout.v2` → `VICTOR_FEATURE_NEW_CHECKOUT_V2`; of two keys
 * sharing one, which `validateConfig` reports, the first declared takes it), whose value names one
 * of the flag's variants (or, for a flag of boolean variants, is a boolean). Every other variable
 * reads as `parseEnvOverrides` reads it. A refused value is reported naming the variable, the flag
 * and its variants, and never applied.
 */
export function resolveEnvOverrides(env: Readonly<Record<string, string | undefined>>, config: FlagConfig | undefined): EnvOverrides {
  const rest: Record<string, string | undefined> = { ...env };
  const typed: [key: string, variants: FlagdVariants][] = [];
  for (const key of Object.keys(section(config, "flags") ?? {})) {
    const variants = flagdVariantsOf(config, key);
    // Only flagd flags claim their variables here (a Victor flag's is a snake_case boolean, read
    // below), so only they derive the names: a manager with `env` and a 1 000-flag config read
    // its env in 0.73 ms when every flag derived its three, 0.09 ms now. A variable another key
    // claimed first is gone from `rest` already.
    const variables = variants && ENV_PREFIXES.map((prefix) => flagEnvVariable(key, prefix));
    if (!variables?.some((variable) => variable in rest)) continue;
    typed.push([key, variants!]);
    // the flagd flag's variables are read below, not as snake_case booleans
    for (const variable of variables) delete rest[variable];
  }
  const parsed = parseEnvOverrides(rest);
  for (const [key, variants] of typed) {
    // least specific prefix first, so the plain VICTOR_FEATURE_ one has the last word
    for (const prefix of [...ENV_PREFIXES].reverse()) {
      const variable = flagEnvVariable(key, prefix);
      const raw = env[variable];
      if (raw === undefined) continue;
      const value = flagdOverrideFromText(variants, raw);
      if (value === undefined) {
        const message = `${variable}="${raw}" is not a variant of flag "${key}" ${flagdTextChoices(variants)}; ignored`;
        parsed.problems.push({ kind: "invalid-value", variable, value: raw, message, flag: key });
        continue;
      }
      delete parsed.values[key];
      delete parsed.overrides[key];
      if (typeof value === "boolean") parsed.overrides[key] = value;
      else {
        parsed.values[key] = value;
        if (typeof value.value === "boolean") parsed.overrides[key] = value.value;
      }
      parsed.variables[key] = variable;
    }
  }
  return parsed;
}
