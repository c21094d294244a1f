// Per-request server evaluation: what a Next.js server component (or any Node server) pays to
// hand every flag's value for one user to the browser. victor-flags: `getServerFlags` (validates
// the config, applies env, evaluates every flag and variant, returns plain JSON). GrowthBook: a
// client per request with the user's attributes, every feature evaluated into a plain record.
// Usage: NODE_ENV=production node bench/server-request.bench.mjs [flagCount...]  (default 100 1000)
// Prints µs per request (median of alternating batches, CPU time) and GrowthBook's time over ours.
import { cpuNs } from "./lib/clock.mjs";
import { catalogue, expectedValues, toGrowthBook, toVictor } from "./lib/fixtures.mjs";

const { getServerFlags } = await import("@victor-flags/react/server");
const { GrowthBook } = await import("@growthbook/growthbook");

// A server's process.env: mostly unrelated variables, one flag override.
const env = { VICTOR_FEATURE_PLAIN_FLAG: "true" };
for (let i = 0; i < 40; i++) env[`UNRELATED_VARIABLE_${i}`] = "x";

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median µs per call of each runner, timed in alternating batches so machine drift hits both alike. */
function timeBoth(runners) {
  for (const run of runners) for (let i = 0; i < 200; i++) run(i);
  const samples = runners.map(() => []);
  for (let b = 0; b < 40; b++) {
    runners.forEach((run, k) => {
      const t0 = cpuNs();
      for (let i = 0; i < 20; i++) run(b * 20 + i);
      samples[k].push((cpuNs() - t0) / 20 / 1e3);
    });
  }
  return samples.map(median);
}

const counts = process.argv.slice(2).map(Number);
for (const count of counts.length ? counts : [100, 1000]) {
  const flags = catalogue(count);
  const config = toVictor(flags);
  const features = toGrowthBook(flags);
  const names = Object.keys(features);
  // Both must answer what the catalogue says, or the timing compares different work.
  const expected = expectedValues(flags, "user-7");
  const ours = getServerFlags({ config, context: { userId: "user-7" }, env: {} }).flags;
  const gb = new GrowthBook({ features, attributes: { id: "user-7" } });
  for (const f of flags) {
    if (ours[f.name] !== expected[f.name] || gb.isOn(f.name) !== expected[f.name]) throw new Error(`${f.name}: SDKs disagree`);
  }
  const [victor, growthbook] = timeBoth([
    (i) => getServerFlags({ config, context: { userId: `user-${i}` }, env }),
    (i) => {
      const client = new GrowthBook({ features, attributes: { id: `user-${i}` } });
      const values = {};
      for (const name of names) values[name] = client.getFeatureValue(name, false);
      client.destroy();
      return values;
    },
  ]);
  console.log(`${count} flags: victor-flags ${victor.toFixed(0)} µs/request, GrowthBook ${growthbook.toFixed(0)} µs/request (GrowthBook ÷ ours ${(growthbook / victor).toFixed(2)}×)`);
}
