import { ConfigError, FlagsError, validateConfig, type FlagConfig } from "@victor-flags/core";
import { didYouMean } from "./suggest.js";

/**
 * `standard`: all off, each flag alone (with its dependencies on), all on.
 * `product`: every on/off combination of the chosen flags.
 */
export type FlagMatrixMode = "standard" | "product";

/** Options of `buildFlagMatrix`. */
export interface FlagMatrixOptions {
  /** The flags to vary (default: every declared flag). */
  flags?: readonly string[];
  /** Default: `product` when `flags` is given, else `standard`. */
  mode?: FlagMatrixMode;
  /** Refuse to build more combinations than this (default 256, GitHub Actions' job limit). */
  maxCombinations?: number;
}

/** One combination to run the test suite under. */
export interface FlagCombination {
  /** A stable, readable name: `all_off`, `all_on`, `<flag>_only`, or `a+b` for a product. */
  name: string;
  /** The value each pinned flag takes (dependencies that had to be on are included). */
  flags: Record<string, boolean>;
  /** The same as `VICTOR_FEATURE_<NAME>` variables, ready to export. */
  env: Record<string, string>;
}

/** A combination left out because it would turn a flag on while one of its dependencies is off. */
export interface SkippedCombination {
  name: string;
  flags: Record<string, boolean>;
  reason: string;
}

/** What `buildFlagMatrix` returns. */
export interface FlagMatrix {
  mode: FlagMatrixMode;
  /** The flags that were varied. */
  flags: string[];
  combinations: FlagCombination[];
  skipped: SkippedCombination[];
}

/** The flags named for a matrix are not declared, or there would be too many combinations. */
export class FlagMatrixError extends FlagsError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/** `VICTOR_FEATURE_<NAME>` for a flag name. */
export function envVariableName(flag: string): string {
  return `VICTOR_FEATURE_${flag.toUpperCase()}`;
}

/**
 * The flag combinations to run CI under, respecting dependencies: a combination never turns a
 * flag on with a dependency off (a flag alone brings its dependencies along; a product skips and
 * reports such combinations). Throws a `ConfigError` for an invalid config.
 */
export function buildFlagMatrix(config: FlagConfig, options: FlagMatrixOptions = {}): FlagMatrix {
  const result = validateConfig(config);
  if (!result.valid) throw new ConfigError(result.errors);
  const declared = Object.keys(config.flags);
  const chosen = options.flags ? [...new Set(options.flags)] : declared;
  for (const name of chosen) {
    if (!declared.includes(name)) throw new FlagMatrixError(`unknown flag "${name}"${didYouMean(name, declared)}; declared flags: ${declared.join(", ")}`);
  }
  if (chosen.length === 0) throw new FlagMatrixError("no flags to combine: the config declares none");
  const mode = options.mode ?? (options.flags ? "product" : "standard");
  const max = options.maxCombinations ?? 256;
  const count = mode === "product" ? 2 ** chosen.length : chosen.length + 2;
  if (count > max) {
    throw new FlagMatrixError(
      `${mode === "product" ? `the product of ${chosen.length} flags` : `${chosen.length} flags`} gives ${count} combinations, more than the limit of ${max}; choose fewer flags`,
    );
  }

  const deps = (name: string, out = new Set<string>()): Set<string> => {
    for (const d of config.flags[name]?.dependencies ?? []) if (!out.has(d)) deps(d, out.add(d));
    return out;
  };
  const combinations: FlagCombination[] = [];
  const skipped: SkippedCombination[] = [];
  const seen = new Set<string>();
  const add = (name: string, flags: Record<string, boolean>) => {
    const key = JSON.stringify(Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (seen.has(key)) return; // e.g. a single flag: "all_on" is the same as "<flag>_only"
    seen.add(key);
    const env: Record<string, string> = {};
    for (const [flag, value] of Object.entries(flags)) env[envVariableName(flag)] = String(value);
    combinations.push({ name, flags, env });
  };

  if (mode === "standard") {
    add("all_off", Object.fromEntries(chosen.map((f) => [f, false])));
    for (const flag of chosen) {
      const flags = Object.fromEntries(chosen.map((f) => [f, f === flag]));
      for (const d of deps(flag)) flags[d] = true;
      add(`${flag}_only`, flags);
    }
    const all = Object.fromEntries(chosen.map((f) => [f, true]));
    for (const flag of chosen) for (const d of deps(flag)) all[d] = true;
    add("all_on", all);
  } else {
    for (let mask = 0; mask < count; mask++) {
      const flags = Object.fromEntries(chosen.map((f, i) => [f, (mask & (1 << i)) !== 0]));
      const on = chosen.filter((f) => flags[f]);
      const name = on.length === 0 ? "all_off" : on.join("+");
      const conflict = on.flatMap((f) => [...deps(f)].filter((d) => flags[d] === false).map((d) => `${f} needs ${d}, which is off`));
      if (conflict.length > 0) {
        skipped.push({ name, flags, reason: conflict.join("; ") });
        continue;
      }
      for (const f of on) for (const d of deps(f)) flags[d] = true;
      add(name, flags);
    }
  }
  return { mode, flags: chosen, combinations, skipped };
}

/** The matrix as GitHub Actions' `strategy.matrix` wants it: `{ include: [{ name, env }] }`. */
export function toGithubMatrix(matrix: FlagMatrix): { include: Array<{ name: string; env: string }> } {
  return {
    include: matrix.combinations.map((c) => ({
      name: c.name,
      // Space-separated NAME=value pairs: `printf '%s\n' ${{ matrix.env }} >> "$GITHUB_ENV"` exports them.
      env: Object.entries(c.env).map(([k, v]) => `${k}=${v}`).join(" "),
    })),
  };
}
