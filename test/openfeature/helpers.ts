import { createMemoryStorage, FeatureFlagManager, type FlagConfig, type FlagContext } from "@victor-flags/core";

/** A config with one flag or experiment per behaviour the providers map. */
export const CONFIG: FlagConfig = {
  version: 1,
  flags: {
    new_checkout: {
      default: true,
      description: "The new checkout",
      metadata: { owner: "payments", maxItems: 5, beta: true, limits: { daily: 3 }, tags: ["a"], nothing: null },
    },
    dark_mode: { default: false },
    from_config: { default: false },
    gradual: { default: false, rollout: { percentage: 50 } },
    everyone: { default: false, rollout: { percentage: 100 } },
    base: { default: false },
    child: { default: true, dependencies: ["base"] },
    rollout_child: { default: true, dependencies: ["gradual"] },
  },
  experiments: {
    checkout_copy: { variants: ["control", "treatment"], weights: [0.5, 0.5] },
    single_variant: { variants: ["only", "never"], weights: [1, 0] },
  },
  feature_flags: { from_config: true },
};

/** A manager for one user over `config`: what that user's flags are, computed without OpenFeature. */
export function managerFor(userId: string | undefined, config: FlagConfig = CONFIG): FeatureFlagManager {
  const context: FlagContext = userId === undefined ? {} : { userId };
  return new FeatureFlagManager({ config, context, storage: createMemoryStorage() });
}

/** The first `count` user ids for which `predicate` holds on their own manager. */
export function usersWhere(predicate: (manager: FeatureFlagManager) => boolean, count = 1, config: FlagConfig = CONFIG): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count && i < 10_000; i++) {
    const id = `user-${i}`;
    if (predicate(managerFor(id, config))) out.push(id);
  }
  if (out.length < count) throw new Error("no such users in the first 10 000 ids");
  return out;
}

/** A logger that keeps what it was told (and keeps test output quiet). */
export function quietLogger() {
  const lines: string[] = [];
  return { lines, warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
}

/** Resolves after pending microtasks and one macrotask (events the providers defer). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Waits (checking every few ms, up to 5 s) until `done()` holds: for work behind real timers. */
export async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (done()) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`gave up waiting for ${what}`);
}
