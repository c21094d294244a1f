// The manager's env layer: the `VICTOR_FEATURE_*` record it was given, read against each config
// document (declared keys name the variables; flagd flags take variant names).
import { resolveEnvOverrides } from "./env-overrides-typed.js";
import { ruleOf } from "./flag-evaluation.js";
import type { Logger } from "./platform.js";
import { emptyRecord } from "./safe-record.js";
import { sameOverride, type FlagOverride } from "./typed-overrides.js";
import type { FlagConfig } from "./types.js";

/** Internal: env overrides by flag name, the variable each came from, re-read per config. */
export class EnvLayer {
  /** The record given (`options.env`); undefined when the manager has no env layer. */
  input: Readonly<Record<string, string | undefined>> | undefined;
  /** Replaced, never changed in place, by each read. */
  values: Readonly<Record<string, FlagOverride>> = emptyRecord();
  variables: Readonly<Record<string, string>> = emptyRecord();
  private readonly reported = new Set<string>();

  constructor(
    private readonly logger: Logger,
    private readonly warnOnce: (message: string) => void,
  ) {}

  /**
   * Reads the env record against `doc` (its declared keys and flagd variants); returns the names
   * whose override changed. `report: false` keeps its problems for a later read (no document yet).
   */
  read(doc: FlagConfig | undefined, report = true): string[] {
    if (this.input === undefined) return [];
    const parsed = resolveEnvOverrides(this.input, doc);
    // reported in production too (a configuration mistake is never silent), once per message
    if (report) for (const problem of parsed.problems) {
      if (this.reported.has(problem.message)) continue;
      this.reported.add(problem.message);
      this.logger.warn(problem.message);
    }
    const next = emptyRecord<FlagOverride>();
    Object.assign(next, parsed.overrides, parsed.values);
    const changed = Object.keys({ ...this.values, ...next }).filter((name) => !sameOverride(this.values[name], next[name]));
    this.values = next;
    this.variables = parsed.variables;
    return changed;
  }

  /** Warns (once, in development) about overrides of names `doc` does not declare. */
  warnUndeclared(doc: FlagConfig | undefined): void {
    for (const name of Object.keys(this.values)) {
      if (ruleOf(doc, name) === undefined) this.warnOnce(`${this.variables[name]} overrides "${name}", which the config does not declare`);
    }
  }
}
