import { flagEnvVariable, isValidFlagName } from "./flag-name.js";
import { section } from "./flag-evaluation.js";
import { emptyRecord } from "./safe-record.js";
import { describeVariants, flagdVariantsOf, flagValueTypes, variantOverride, type FlagdVariants, type FlagValueOverride } from "./typed-overrides.js";
import type { FlagConfig } from "./types.js";

/** Prefixes that carry a flag override; the bundler forms let a front-end build bake them in. */
export const ENV_PREFIXES = ["VICTOR_FEATURE_", "VITE_VICTOR_FEATURE_", "NEXT_PUBLIC_VICTOR_FEATURE_"] as const;

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/** One environment variable that could not be used. */
export interface EnvProblem {
  /** `invalid-name`: the part after the prefix is not a flag name; `invalid-value`: not a boolean (or, for a flagd flag, not one of its variants). */
  kind: "invalid-name" | "invalid-value";
  variable: string;
  value: string;
  message: string;
  /** The flag the variable overrides, when it names one. */
  flag?: string;
}

/** What `parseEnvOverrides` found: usable overrides, keyed by flag name, and rejected variables. */
export interface EnvOverrides {
  /** Boolean overrides: Victor and ad-hoc flags, and flagd flags whose override is `true`/`false`. */
  overrides: Record<string, boolean>;
  /** Overrides of flagd flags (declared in the config given), any JSON type, with the variant named. */
  values: Record<string, FlagValueOverride>;
  /** The variable each override came from, for `explain()`. */
  variables: Record<string, string>;
  problems: EnvProblem[];
}

/** Parses a boolean the way `VICTOR_FEATURE_*` accepts it; `undefined` for anything else. */
export function parseEnvBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

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

/** Declared keys by the variable suffix they map to (`NEW_CHECKOUT_V2` → `new-checkout.v2`); the first key wins a collision. */
function declaredBySuffix(config: FlagConfig | undefined): Map<string, string> {
  const bySuffix = new Map<string, string>();
  for (const key of Object.keys(section(config, "flags") ?? {})) {
    const suffix = flagEnvVariable(key, "");
    if (!bySuffix.has(suffix)) bySuffix.set(suffix, key);
  }
  return bySuffix;
}

/**
 * Reads `VICTOR_FEATURE_<NAME>` (and `VITE_`/`NEXT_PUBLIC_` forms) from an env record. With a
 * `config`, a variable names the declared key it maps to (`new-checkout.v2` →
 * `VICTOR_FEATURE_NEW_CHECKOUT_V2`), and a flagd flag's value is one of its variants (or, for a
 * flag of boolean variants, a boolean); other names are read as snake_case (`VICTOR_FEATURE_DARK_MODE`
 * → `dark_mode`). Booleans are `true/false/1/0/yes/no/on/off`; anything else is reported, never
 * read as true. When the same flag appears under several prefixes, the plain `VICTOR_FEATURE_` one wins.
 */
export function parseEnvOverrides(env: Readonly<Record<string, string | undefined>>, config?: FlagConfig): EnvOverrides {
  const overrides = emptyRecord<boolean>();
  const values = emptyRecord<FlagValueOverride>();
  const variables = emptyRecord<string>();
  const problems: EnvProblem[] = [];
  const declared = declaredBySuffix(config);
  // Walk prefixes from least to most specific so the plain prefix overwrites bundler copies.
  for (const prefix of [...ENV_PREFIXES].reverse()) {
    for (const variable of Object.keys(env)) {
      if (!variable.startsWith(prefix)) continue;
      if (prefix === "VICTOR_FEATURE_" && (variable.startsWith("VITE_") || variable.startsWith("NEXT_PUBLIC_"))) continue;
      const raw = env[variable];
      if (raw === undefined) continue;
      const suffix = variable.slice(prefix.length);
      const name = declared.get(suffix) ?? suffix.toLowerCase();
      if (!declared.has(suffix) && !isValidFlagName(name)) {
        problems.push({ kind: "invalid-name", variable, value: raw, message: `${variable} does not name a flag (expected ${prefix}<FLAG_NAME>)` });
        continue;
      }
      const variants = flagdVariantsOf(config, name);
      const value = variants === undefined ? parseEnvBoolean(raw) : flagdOverrideFromText(variants, raw);
      if (value === undefined) {
        const message =
          variants === undefined
            ? `${variable}="${raw}" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored`
            : `${variable}="${raw}" is not a variant of flag "${name}" ${flagdTextChoices(variants)}; ignored`;
        problems.push({ kind: "invalid-value", variable, value: raw, message, flag: name });
        continue;
      }
      // a variable that a plain prefix overwrites drops what its bundler copy set
      delete overrides[name];
      delete values[name];
      if (typeof value === "boolean") overrides[name] = value;
      else {
        values[name] = value;
        if (typeof value.value === "boolean") overrides[name] = value.value;
      }
      variables[name] = variable;
    }
  }
  return { overrides, values, variables, problems };
}
