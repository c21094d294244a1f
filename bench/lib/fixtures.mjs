// One flag catalogue, written once, translated into each SDK's own format, so every SDK in a
// bench evaluates the same flags for the same users. The shape is app-like: a few flags the
// benches read plus filler flags (half of them gradual rollouts) that an app would also carry.

/** Flags the evaluation benches read. */
export const BENCH_FLAGS = Object.freeze({
  plain: "plain_flag",
  rollout: "rollout_flag",
  chain: "chain_3",
  experiment: "checkout_experiment",
});

export const VARIANTS = Object.freeze(["control", "treatment_a", "treatment_b"]);
export const WEIGHTS = Object.freeze([0.5, 0.25, 0.25]);

// GrowthBook hash version 2 written out here (not imported from our package) because peers that
// have no rollouts of their own (OpenFeature's InMemoryProvider) need it in user land, and the
// server-evaluated peers (Unleash, LaunchDarkly) get values this function precomputes.
function fnv1a32(input) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/** A subject's position in [0, 1) for a seed (GrowthBook hash v2). */
export function position(seed, subject) {
  return (fnv1a32(String(fnv1a32(seed + subject))) % 10000) / 10000;
}

/** Whether a subject is inside a `percentage` rollout. */
export function included(seed, subject, percentage) {
  return position(seed, subject) < percentage / 100;
}

/** The variant of a weighted experiment a subject lands in. */
export function variantOf(seed, subject, variants = VARIANTS, weights = WEIGHTS) {
  const n = position(seed, subject);
  let upper = 0;
  for (let i = 0; i < weights.length; i++) {
    upper += weights[i];
    if (n < upper) return variants[i];
  }
  return variants[variants.length - 1];
}

/**
 * The neutral catalogue: `count` flags in total (at least the bench flags). Each entry:
 * { name, default, percentage?, dependsOn? }. Filler flags alternate plain and rollout.
 */
export function catalogue(count = 30) {
  const flags = [
    { name: "plain_flag", default: true },
    { name: "rollout_flag", default: false, percentage: 50 },
    { name: "chain_0", default: true },
    { name: "chain_1", default: true, dependsOn: "chain_0" },
    { name: "chain_2", default: true, dependsOn: "chain_1" },
    { name: "chain_3", default: true, dependsOn: "chain_2" },
  ];
  for (let i = flags.length; i < count; i++) {
    const name = `feature_${String(i).padStart(5, "0")}`;
    flags.push(i % 2 === 0 ? { name, default: i % 4 === 0 } : { name, default: false, percentage: (i * 7) % 100 });
  }
  return flags;
}

/** The effective value of every flag for a subject (the ground truth all SDKs must agree on). */
export function expectedValues(flags, subject) {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const memo = new Map();
  const value = (name) => {
    if (memo.has(name)) return memo.get(name);
    const f = byName.get(name);
    let v = f.percentage !== undefined ? included(f.name, subject, f.percentage) : f.default;
    if (v && f.dependsOn) v = value(f.dependsOn);
    memo.set(name, v);
    return v;
  };
  const out = {};
  for (const f of flags) out[f.name] = value(f.name);
  return out;
}

/** victor-flags config document. */
export function toVictor(flags) {
  const doc = { version: 1, flags: {}, experiments: {} };
  for (const f of flags) {
    const def = { default: f.default };
    if (f.percentage !== undefined) def.rollout = { percentage: f.percentage };
    if (f.dependsOn) def.dependencies = [f.dependsOn];
    doc.flags[f.name] = def;
  }
  doc.experiments[BENCH_FLAGS.experiment] = { variants: [...VARIANTS], weights: [...WEIGHTS] };
  return doc;
}

/** GrowthBook features JSON: force rules with coverage for rollouts, blocking prerequisites for dependencies. */
export function toGrowthBook(flags) {
  const features = {};
  for (const f of flags) {
    const rules = [];
    if (f.dependsOn) rules.push({ parentConditions: [{ id: f.dependsOn, condition: { value: true }, gate: true }], force: f.default });
    if (f.percentage !== undefined) rules.push({ force: true, coverage: f.percentage / 100, hashAttribute: "id", hashVersion: 2 });
    features[f.name] = rules.length ? { defaultValue: false, rules } : { defaultValue: f.default };
  }
  features[BENCH_FLAGS.experiment] = {
    defaultValue: "control",
    rules: [{ key: BENCH_FLAGS.experiment, variations: [...VARIANTS], weights: [...WEIGHTS], hashAttribute: "id", hashVersion: 2, coverage: 1 }],
  };
  return features;
}

/**
 * OpenFeature InMemoryProvider flags. The provider has no rollouts or prerequisites, so a rollout
 * is a user-written contextEvaluator with the hash above, and dependencies are not expressed.
 */
export function toOpenFeature(flags) {
  const out = {};
  for (const f of flags) {
    const spec = { variants: { on: true, off: false }, defaultVariant: f.default ? "on" : "off", disabled: false };
    if (f.percentage !== undefined) {
      const p = f.percentage;
      const seed = f.name;
      spec.contextEvaluator = (ctx) => (ctx.targetingKey && included(seed, ctx.targetingKey, p) ? "on" : "off");
    }
    out[f.name] = spec;
  }
  out[BENCH_FLAGS.experiment] = {
    variants: Object.fromEntries(VARIANTS.map((v) => [v, v])),
    defaultVariant: "control",
    disabled: false,
    contextEvaluator: (ctx) => (ctx.targetingKey ? variantOf(BENCH_FLAGS.experiment, ctx.targetingKey) : "control"),
  };
  return out;
}

/** Unleash frontend-API toggles for one subject: evaluated by the server, here precomputed. */
export function toUnleash(flags, subject, { flip = false } = {}) {
  const values = expectedValues(flags, subject);
  const toggles = flags.map((f) => ({
    name: f.name,
    enabled: flip ? !values[f.name] : values[f.name],
    variant: { name: "disabled", enabled: false },
    impressionData: false,
  }));
  toggles.push({
    name: BENCH_FLAGS.experiment,
    enabled: true,
    variant: { name: variantOf(BENCH_FLAGS.experiment, subject), enabled: true },
    impressionData: false,
  });
  return toggles;
}

/** LaunchDarkly bootstrap (allFlagsState shape) for one subject: evaluated by the server, here precomputed. */
export function toLaunchDarkly(flags, subject, { flip = false } = {}) {
  const values = expectedValues(flags, subject);
  const boot = { $flagsState: {}, $valid: true };
  for (const f of flags) {
    boot[f.name] = flip ? !values[f.name] : values[f.name];
    boot.$flagsState[f.name] = { version: 1, variation: boot[f.name] ? 0 : 1 };
  }
  boot[BENCH_FLAGS.experiment] = variantOf(BENCH_FLAGS.experiment, subject);
  boot.$flagsState[BENCH_FLAGS.experiment] = { version: 1, variation: VARIANTS.indexOf(boot[BENCH_FLAGS.experiment]) };
  return boot;
}
