// A manager for unit tests: fixed values, memory storage, a fixed subject, nothing attached that
// could reach the network. It is an ordinary FeatureFlagManager underneath, so components under
// test see the same subscriptions, dependency rules and audit entries as in the app.

import { topologicalOrder } from "./dependency-graph.js";
import { InvalidArgumentError } from "./errors.js";
import { FeatureFlagManager } from "./feature-flag-manager.js";
import { createMemoryStorage, type Logger } from "./platform.js";
import { emptyRecord, hasOwn } from "./safe-record.js";
import type { ExposureEvent, FlagConfig, FlagContext } from "./types.js";

/** Values a test fixes: flag booleans and experiment variants. */
export interface TestValues {
  flags?: Readonly<Record<string, boolean>>;
  variants?: Readonly<Record<string, string>>;
}

/** Options of `createTestManager`. */
export interface TestManagerOptions extends TestValues {
  /**
   * The app's real config, when the test should honour its dependencies, rollouts and
   * experiments. Without one, every name in `flags` and `variants` is declared on the fly.
   */
  config?: FlagConfig;
  /** Evaluation context (default `{ userId: "test-user" }`, so rollouts bucket the same way every run). */
  context?: FlagContext;
  /** Where warnings go (default: console). */
  logger?: Logger;
}

/** The `source` of every value a test manager sets, as `explain()` and the audit log show it. */
export const TEST_SOURCE = "test";

/** A FeatureFlagManager with fixed values, plus `set()` to change them mid-test and `getExposures()` for what the UI reported. */
export class TestFlagManager extends FeatureFlagManager {
  private readonly recorded: ExposureEvent[] = [];
  private readonly doc: FlagConfig | undefined;
  private readonly declared: boolean;

  constructor(options: TestManagerOptions = {}) {
    const declared = options.config !== undefined;
    const doc = declared ? undefined : synthesize(options);
    super({
      config: options.config ?? doc,
      context: options.context ?? { userId: "test-user" },
      storage: createMemoryStorage(),
      env: {},
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.doc = doc;
    this.declared = declared;
    this.onExposure((event) => void this.recorded.push(event));
    this.set(options);
  }

  /**
   * Changes values the way the app would see a real change: only the subscribers of what moved
   * re-render. Flags apply in dependency order; enabling one whose dependency stays off throws
   * the manager's `DependencyError`. Names the given config does not declare throw.
   */
  set(values: TestValues): void {
    const flags = values.flags ?? {};
    const variants = values.variants ?? {};
    for (const name of Object.keys(flags)) {
      if (typeof flags[name] !== "boolean") throw new InvalidArgumentError(`test value of flag "${name}" must be a boolean, got ${JSON.stringify(flags[name])}`);
      if (this.declared && this.getFlagMetadata(name) === undefined) throw new InvalidArgumentError(`"${name}" is not a flag of the test config`);
    }
    for (const name of Object.keys(variants)) this.declareVariant(name, variants[name]!);
    for (const name of Object.keys(variants)) this.setVariant(name, variants[name]!, { source: TEST_SOURCE });
    const deps = emptyRecord<readonly string[]>();
    for (const name of [...Object.keys(this.getAllFlags()), ...Object.keys(flags)]) deps[name] = this.getFlagMetadata(name)?.dependencies ?? [];
    for (const name of topologicalOrder(deps)) if (hasOwn(flags, name)) this.setFlag(name, flags[name]!, { source: TEST_SOURCE });
  }

  /** Every distinct exposure the UI reported, oldest first (a copy); they are sent nowhere. */
  getExposures(): ExposureEvent[] {
    return [...this.recorded];
  }

  /** Without a config, a variant the synthesized experiment lacks is added (weight 0) so it can be forced. */
  private declareVariant(experiment: string, variant: string): void {
    if (typeof variant !== "string" || variant === "") throw new InvalidArgumentError(`test variant of experiment "${experiment}" must be a non-empty string`);
    if (this.declared || !this.doc) return; // setVariant reports unknown experiments and variants of a real config
    const experiments = (this.doc.experiments ??= {});
    const current = experiments[experiment];
    if (current?.variants.includes(variant)) return;
    experiments[experiment] = current
      ? { variants: [...current.variants, variant], weights: [...current.weights, 0] }
      : { variants: [variant], weights: [1] };
    this.loadConfig(this.doc, { auditSource: TEST_SOURCE });
  }
}

function synthesize(values: TestValues): FlagConfig {
  const doc: FlagConfig = { version: 1, flags: {}, experiments: {} };
  for (const name of Object.keys(values.flags ?? {})) doc.flags[name] = { default: false };
  for (const [name, variant] of Object.entries(values.variants ?? {})) {
    if (typeof variant === "string" && variant !== "") doc.experiments![name] = { variants: [variant], weights: [1] };
  }
  return doc;
}

/**
 * A manager for tests: the given flags and variants are fixed (source `"test"`), storage is in
 * memory, the subject is `"test-user"`, and nothing is sent anywhere. Change values mid-test
 * with `manager.set({ flags: { name: false } })` (inside `act()` in React tests).
 */
export function createTestManager(options: TestManagerOptions = {}): TestFlagManager {
  return new TestFlagManager(options);
}
