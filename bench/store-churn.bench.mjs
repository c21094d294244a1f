// Managers built one after another, as a server builds one per request: checks that V8's
// allocation-site pretenuring does not keep each manager's values alive until a full GC (see
// flag-store-extension.ts). Each case runs twice in child processes, with V8's defaults and with
// --no-allocation-site-pretenuring; a ratio near 1.00 means no trap, ~2 means the trap is back.
// Usage: npm run build && node bench/store-churn.bench.mjs
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CASES = {
  // a fresh document each time (a config fetched per request, or a test that builds many managers)
  "manager, fresh 1 000-flag document": { count: 1000, iterations: 2000, fresh: true },
  // one document, every value read (getServerFlags' work)
  "manager + snapshot, shared 100-flag document": { count: 100, iterations: 20000, fresh: false },
};

async function child(name) {
  const { catalogue, toVictor } = await import("./lib/fixtures.mjs");
  const { FeatureFlagManager, createMemoryStorage } = await import("@victor-flags/core");
  const { count, iterations, fresh } = CASES[name];
  const config = toVictor(catalogue(count));
  const text = JSON.stringify(config);
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      const m = new FeatureFlagManager({ config: fresh ? JSON.parse(text) : config, context: { userId: `user-${i}` }, storage: createMemoryStorage() });
      if (fresh) m.isEnabled("plain_flag");
      else m.getSnapshot();
    }
  };
  run(iterations / 10);
  const t0 = performance.now();
  run(iterations);
  process.stdout.write(String(((performance.now() - t0) / iterations) * 1000));
}

if (process.argv[2] === "--child") await child(process.argv[3]);
else {
  const self = fileURLToPath(import.meta.url);
  const time = (flags, name) => {
    const out = spawnSync(process.execPath, [...flags, self, "--child", name], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
    if (out.status !== 0) throw new Error(out.stderr);
    return Number(out.stdout);
  };
  for (const name of Object.keys(CASES)) {
    // alternate the two settings, five runs each, and compare medians: the machine is noisy
    const base = [];
    const without = [];
    for (let r = 0; r < 5; r++) {
      base.push(time([], name));
      without.push(time(["--no-allocation-site-pretenuring"], name));
    }
    const median = (a) => a.sort((x, y) => x - y)[2];
    console.log(`${name}: ${median(base).toFixed(0)} µs each; without pretenuring ${median(without).toFixed(0)} µs (ratio ${(median(base) / median(without)).toFixed(2)})`);
  }
}
