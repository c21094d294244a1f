// Config load at scale for one SDK and one catalogue size, in a fresh process started with
// --expose-gc. Usage: node --expose-gc bench/scale.bench.mjs <sdk> <flagCount>
// Prints one JSON line: { sdk, count, samples: [ms of CPU time per load...], retainedBytes }.
//
// One load = parse the document's JSON text, build the client from it (victor-flags also
// validates it; values are computed on first read), wait until the SDK says it is ready, read one flag.
// Retained heap = growth of the heap used after a forced GC per additional loaded client.
import { cpuNs } from "./lib/clock.mjs";
import { launchDarklyOfflineOptions } from "./lib/sdks.mjs";
import { catalogue, toGrowthBook, toLaunchDarkly, toUnleash, toVictor, toOpenFeature } from "./lib/fixtures.mjs";

const [id, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!Number.isInteger(count) || count < 10) throw new Error("usage: scale.bench.mjs <sdk> <flagCount >= 10>");
if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");

const QUICK = process.env.BENCH_QUICK === "1";
const subject = "user-7";
const flags = catalogue(count);
const probe = flags[flags.length - 1].name;
const UNROUTABLE = "http://127.0.0.1:9";

/** Per SDK: the JSON text it loads from, and `load(text)` → { client, dispose }. */
async function loader() {
  switch (id) {
    case "victor": {
      const { FeatureFlagManager, createMemoryStorage } = await import("@victor-flags/core");
      return {
        text: JSON.stringify(toVictor(flags)),
        load(text) {
          const m = new FeatureFlagManager({ config: JSON.parse(text), context: { userId: subject }, storage: createMemoryStorage() });
          m.isEnabled(probe);
          return { client: m, dispose() {} };
        },
      };
    }
    case "growthbook": {
      const { GrowthBook } = await import("@growthbook/growthbook");
      return {
        text: JSON.stringify(toGrowthBook(flags)),
        load(text) {
          const gb = new GrowthBook({ features: JSON.parse(text), attributes: { id: subject } });
          gb.isOn(probe);
          return { client: gb, dispose: () => gb.destroy() };
        },
      };
    }
    case "openfeature": {
      const { OpenFeature, InMemoryProvider } = await import("@openfeature/web-sdk");
      await OpenFeature.setContext({ targetingKey: subject });
      return {
        // InMemoryProvider takes objects with functions, so the app maps a JSON document into them.
        text: JSON.stringify(flags),
        async load(text) {
          const provider = new InMemoryProvider(toOpenFeature(JSON.parse(text)));
          await OpenFeature.setProviderAndWait(provider);
          OpenFeature.getClient().getBooleanValue(probe, false);
          return { client: provider, dispose: () => OpenFeature.clearProviders() };
        },
      };
    }
    case "unleash": {
      const { UnleashClient, InMemoryStorageProvider } = await import("unleash-proxy-client");
      return {
        text: JSON.stringify(toUnleash(flags, subject)),
        async load(text) {
          const client = new UnleashClient({
            url: `${UNROUTABLE}/api/frontend`,
            clientKey: "bench",
            appName: "bench",
            bootstrap: JSON.parse(text),
            disableRefresh: true,
            storageProvider: new InMemoryStorageProvider(),
            fetch: async () => new Response(null, { status: 304 }),
          });
          await client.ready;
          client.isEnabled(probe);
          return { client, dispose: () => client.stop() };
        },
      };
    }
    case "launchdarkly": {
      const { installDom } = await import("./lib/dom.mjs");
      installDom();
      const { initialize } = await import("launchdarkly-js-client-sdk");
      return {
        text: JSON.stringify(toLaunchDarkly(flags, subject)),
        async load(text) {
          const client = initialize("bench-client-side-id", { kind: "user", key: subject }, launchDarklyOfflineOptions(JSON.parse(text), false));
          await client.waitForInitialization(5);
          client.variation(probe, false);
          return { client, dispose: () => client.close() };
        },
      };
    }
    default:
      throw new Error(`unknown sdk "${id}"`);
  }
}

function fullGc() {
  for (let i = 0; i < 3; i++) globalThis.gc();
}

const { text, load } = await loader();
const budgetMs = QUICK ? 400 : count >= 10_000 ? 3000 : 1500;
const maxReps = QUICK ? 10 : count >= 10_000 ? 15 : 100;
const minReps = 3;

// two untimed loads warm the code paths and settle module-level caches
for (let i = 0; i < 2; i++) await (await load(text)).dispose();

// Loads are timed in CPU time (lib/clock.mjs), in batches so a small catalogue's load is well
// above the clock's microsecond resolution.
const batch = count <= 10 ? 200 : count <= 1000 ? 4 : 1;
const samples = [];
const started = performance.now();
while (samples.length < minReps || (samples.length < maxReps && performance.now() - started < budgetMs)) {
  const loaded = [];
  const t0 = cpuNs();
  for (let i = 0; i < batch; i++) loaded.push(await load(text));
  samples.push((cpuNs() - t0) / batch / 1e6);
  for (const l of loaded) await l.dispose();
}

// Retained heap per client, by difference: keep loading batches of K clients and take the median
// growth per client over the batches after the first. One-time costs (lazy module state, the
// first instance's caches) land in the first batch, and a GC that frees something unrelated in
// one batch does not decide the result.
const keepCount = count <= 10 ? 200 : count <= 1000 ? 10 : 2;
const kept = [];
const growth = [];
let previous = 0;
for (let round = 0; round < 6; round++) {
  for (let i = 0; i < keepCount; i++) kept.push(await load(text));
  fullGc();
  const used = process.memoryUsage().heapUsed;
  if (round > 0) growth.push((used - previous) / keepCount);
  previous = used;
}
growth.sort((a, b) => a - b);
const retainedBytes = growth[growth.length >> 1];
globalThis.__keep = kept;

process.stdout.write(`${JSON.stringify({ sdk: id, count, samples, retainedBytes })}\n`);
process.exit(0);
