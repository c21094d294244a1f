import { createFlagStore, type FlagStore, type FlagStoreOptions } from "./flag-store.js";
import { isValidFlagName } from "./flag-name.js";
import { consoleLogger } from "./platform/logger.js";
import { emptyRecord } from "./safe-record.js";
import type { FlagValueOverride } from "./typed-overrides.js";

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
  /** The flagd flag whose variable it is (`resolveEnvOverrides`). */
  flag?: string;
}

/** What `parseEnvOverrides` found: usable overrides, keyed by flag name, and rejected variables. */
export interface EnvOverrides {
  /** Boolean overrides: Victor and ad-hoc flags, and flagd flags whose override is `true`/`false`. */
  overrides: Record<string, boolean>;
  /** Overrides of flagd flags (`resolveEnvOverrides` with a config declaring them), any JSON type, with the variant named; empty here. */
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
 * Reads `VICTOR_FEATURE_<NAME>` (and `VITE_`/`NEXT_PUBLIC_` forms) from an env record. Values
 * that are not `true/false/1/0/yes/no/on/off` are reported, never read as true. When the same
 * flag appears under several prefixes, the plain `VICTOR_FEATURE_` one wins. The part after the
 * prefix is read as a snake_case name; `resolveEnvOverrides` reads variables against a config
 * (flagd keys such as `new-checkout.v2`, variant names).
 */
export function parseEnvOverrides(env: Readonly<Record<string, string | undefined>>): EnvOverrides {
  const overrides = emptyRecord<boolean>();
  const variables = emptyRecord<string>();
  const problems: EnvProblem[] = [];
  // Walk prefixes from least to most specific so the plain prefix overwrites bundler copies.
  for (const prefix of [...ENV_PREFIXES].reverse()) {
    for (const variable of Object.keys(env)) {
      if (!variable.startsWith(prefix)) continue;
      const raw = env[variable];
      if (raw === undefined) continue;
      const name = variable.slice(prefix.length).toLowerCase();
      if (!isValidFlagName(name)) {
        problems.push({ kind: "invalid-name", variable, value: raw, message: `${variable} does not name a flag (expected ${prefix}<FLAG_NAME>)` });
        continue;
      }
      const value = parseEnvBoolean(raw);
      if (value === undefined) {
        problems.push({
          kind: "invalid-value",
          variable,
          value: raw,
          message: `${variable}="${raw}" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored`,
        });
        continue;
      }
      overrides[name] = value;
      variables[name] = variable;
    }
  }
  return { overrides, values: emptyRecord(), variables, problems };
}

/** The `env` a provider or manager is given: `VICTOR_FEATURE_*` variables by name. */
type EnvRecord = Readonly<Record<string, string | undefined>>;

// A slot rather than an import: the typed layer reads env against each config (flagd keys and
// variants), which needs the manager's env code; `@victor-flags/core/targeting` fills the slot,
// so an app without it bundles none of that (docs/targeting.md, "Overrides of typed values").
let typedLayer: ((env: EnvRecord, options: FlagStoreOptions) => FlagStore) | undefined;

/** Internal: installs the typed env layer of light stores (called by `installFlagdTargeting`). */
export function installTypedEnvLayer(layer: (env: EnvRecord, options: FlagStoreOptions) => FlagStore): void {
  typedLayer = layer;
}

/**
 * A light store with `env`'s `VICTOR_FEATURE_*` overrides as its top layer (what `<FlagProvider env>`
 * builds). With the targeting engine installed it reads them as the manager does, against each
 * config the store gets (flagd keys, variants, typed values); without it, as snake_case booleans
 * (`parseEnvOverrides`). Problems are warned to `options.logger`.
 */
export function createEnvFlagStore(env: EnvRecord, options: FlagStoreOptions): FlagStore {
  if (typedLayer) return typedLayer(env, options);
  const parsed = parseEnvOverrides(env);
  for (const problem of parsed.problems) (options.logger ?? consoleLogger).warn(problem.message);
  return createFlagStore({ ...options, overrides: parsed.overrides });
}
