import { consoleLogger, ENV_PREFIXES, flagEnvVariable, parseEnvBoolean, resolveEnvOverrides, type FlagConfig, type FlagValueOverride, type Logger } from "@victor-flags/core";
import { didYouMean } from "./suggest.js";

/** Why a `VICTOR_FEATURE_*` variable was not (or not fully) used. */
export type EnvWarningKind = "invalid-value" | "invalid-name" | "undeclared" | "shadowed";

/** One warning about an environment variable; `message` names the variable and its value. */
export interface EnvWarning {
  kind: EnvWarningKind;
  variable: string;
  value: string;
  message: string;
}

/** What `readEnvOverrides` found. */
export interface EnvOverrideReport {
  /** Usable boolean overrides by flag name (flagd flags of boolean variants included). */
  overrides: Record<string, boolean>;
  /** Usable overrides of flagd flags (with a `config`) by key: the variant named and its value. */
  values: Record<string, FlagValueOverride>;
  /** The variable each override came from. */
  variables: Record<string, string>;
  /** Only the variables that parsed, ready for `new FeatureFlagManager({ env })`. */
  env: Record<string, string>;
  /** Rejected values and names, overrides for undeclared flags, shadowed duplicates. */
  warnings: EnvWarning[];
}

/** Options of `readEnvOverrides`. */
export interface ReadEnvOverridesOptions {
  /**
   * When given, variables map to its declared keys (`new-checkout.v2` → `VICTOR_FEATURE_NEW_CHECKOUT_V2`),
   * a flagd flag's value must name one of its variants, and overrides for flags it does not declare are warned about.
   */
  config?: FlagConfig;
  /** Where warnings go (default: console); `false` only returns them. */
  logger?: Logger | false;
}

function prefixOf(variable: string): string | undefined {
  // Longest prefix first: VITE_VICTOR_FEATURE_X must not be read as VICTOR_FEATURE_... of "VITE_".
  return [...ENV_PREFIXES].sort((a, b) => b.length - a.length).find((p) => variable.startsWith(p));
}

/**
 * Reads `VICTOR_FEATURE_<NAME>` overrides (and the `VITE_`/`NEXT_PUBLIC_` forms) from an env
 * record, `process.env` by default. Values other than true/false/1/0/yes/no/on/off (any case)
 * are rejected with a warning naming the variable and value — never read as true; with a
 * `config`, a flagd flag's variable names one of its variants (see `resolveEnvOverrides`).
 */
export function readEnvOverrides(env: Readonly<Record<string, string | undefined>> = process.env, options: ReadEnvOverridesOptions = {}): EnvOverrideReport {
  const parsed = resolveEnvOverrides(env, options.config);
  const warnings: EnvWarning[] = [];
  for (const problem of parsed.problems) {
    const kind: EnvWarningKind = problem.kind;
    // the core words a bad value (a boolean's, or a flagd flag's naming its variants) as this report does
    const message =
      kind === "invalid-value"
        ? problem.message
        : `${problem.variable}="${problem.value}" does not name a flag (expected ${prefixOf(problem.variable) ?? "VICTOR_FEATURE_"}<FLAG_NAME>); ignored`;
    warnings.push({ kind, variable: problem.variable, value: problem.value, message });
  }

  const usable: Record<string, string> = {};
  const names = Object.keys(parsed.variables);
  for (const name of names) {
    const variable = parsed.variables[name]!;
    usable[variable] = env[variable]!;
    // The same flag under another prefix with a different value: say which one won.
    for (const prefix of ENV_PREFIXES) {
      const other = flagEnvVariable(name, prefix);
      const raw = env[other];
      if (other === variable || raw === undefined) continue;
      const typed = name in parsed.values;
      const value = typed ? raw.trim() : parseEnvBoolean(raw);
      if (value !== undefined && value !== (typed ? env[variable]!.trim() : parsed.overrides[name])) {
        warnings.push({ kind: "shadowed", variable: other, value: raw, message: `${other}="${raw}" is shadowed by ${variable}="${env[variable]}"; ignored` });
      }
    }
  }

  const declared = options.config?.flags ? Object.keys(options.config.flags) : undefined;
  if (declared) {
    for (const name of names) {
      if (declared.includes(name)) continue;
      const variable = parsed.variables[name]!;
      warnings.push({
        kind: "undeclared",
        variable,
        value: env[variable]!,
        message: `${variable}="${env[variable]}" overrides "${name}", which the config does not declare${didYouMean(name, declared)}`,
      });
    }
  }

  const logger = options.logger === undefined ? consoleLogger : options.logger;
  if (logger) for (const w of warnings) logger.warn(w.message);
  return { overrides: { ...parsed.overrides }, values: { ...parsed.values }, variables: { ...parsed.variables }, env: usable, warnings };
}
