// Regenerates test/vectors/bucketing.json with GrowthBook's own hash-v2 implementation as the
// oracle (not ours), so the vectors prove compatibility instead of restating our code.
// Run: node scripts/generate-bucketing-vectors.mjs
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const gbDir = dirname(require.resolve("@growthbook/growthbook/package.json"));
const { hash, getBucketRanges, chooseVariation } = await import(pathToFileURL(join(gbDir, "dist/esm/util.mjs")).href);

// Deterministic pseudo-random inputs (mulberry32), so the file is reproducible.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
const salts = ["hierarchical_planning_enabled", "enhanced_memory_enabled", "experiment_1", "checkout-v2", "salt:42", "ünïcødé", "🚀launch", ""];
const subjects = () => {
  const kinds = [
    () => `user-${Math.floor(rand() * 1e6)}`,
    () => `${Math.floor(rand() * 1e9)}`,
    () => Math.floor(rand() * 2 ** 32).toString(36) + Math.floor(rand() * 2 ** 32).toString(36),
    () => pick(["alice@example.com", "Björk", "用户-1", "👩‍💻dev", "a".repeat(200), " padded ", "x"]),
  ];
  return pick(kinds)();
};

const buckets = [];
for (let i = 0; i < 160; i++) {
  const salt = i < salts.length ? salts[i] : pick(salts.slice(0, -1));
  const subject = subjects();
  const position = hash(salt, subject, 2);
  const percentage = pick([0, 0.01, 1, 5, 10, 25, 33.33, 50, 75, 99.99, 100]);
  buckets.push({ salt, subject, position, percentage, included: position < percentage / 100 });
}
const weightSets = [[0.5, 0.25, 0.25], [0.5, 0.5], [0.1, 0.2, 0.3, 0.4], [1], [0, 1], [0.25, 0, 0.75], [0.2, 0.2, 0.2, 0.2, 0.2]];
const variants = [];
for (let i = 0; i < 120; i++) {
  const weights = pick(weightSets);
  const names = weights.map((_, j) => (j === 0 ? "control" : `treatment_${String.fromCharCode(96 + j)}`));
  const experiment = pick(["experiment_1", "checkout_test", "pricing:q4", "🧪"]);
  const subject = subjects();
  const index = chooseVariation(hash(experiment, subject, 2), getBucketRanges(weights.length, 1, weights));
  variants.push({ experiment, weights, variants: names, subject, variant: names[index] });
}

const doc = {
  description:
    "Bucketing vectors for victor-flags (GrowthBook hash v2). position = (fnv1a32(String(fnv1a32(salt + subject))) % 10000) / 10000 " +
    "with 32-bit FNV-1a over UTF-16 code units; a rollout of p% includes the subject when position < p / 100; variant i owns " +
    "[sum of earlier weights, that + w_i). Generated from GrowthBook's own implementation by scripts/generate-bucketing-vectors.mjs.",
  fnv1a32: ["", "a", "foobar", "hierarchical_planning_enabled", "ünïcødé", "🚀"].map((input) => ({ input, hash: fnv(input) })),
  buckets,
  variants,
};
writeFileSync(new URL("../test/vectors/bucketing.json", import.meta.url), JSON.stringify(doc, null, 1) + "\n");
console.log(`wrote ${buckets.length} bucket and ${variants.length} variant vectors`);

// Reference FNV-1a written from the published definition (offset basis 2166136261, prime 16777619).
function fnv(input) {
  let h = 2166136261n;
  for (let i = 0; i < input.length; i++) {
    h ^= BigInt(input.charCodeAt(i));
    h = (h * 16777619n) % 4294967296n;
  }
  return Number(h);
}
