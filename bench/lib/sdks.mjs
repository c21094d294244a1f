// Each SDK behind the same small surface, evaluating the catalogue of fixtures.mjs offline from
// its own bootstrap/initial data. `create` returns { bool, variant, setContext, support, close }.
// `support[case]` is "local" (evaluated in the SDK), "server" (the SDK only reads a value its
// service computed; here precomputed into the bootstrap), or a string saying why it cannot run.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import {
  BENCH_FLAGS,
  toGrowthBook,
  toLaunchDarkly,
  toOpenFeature,
  toUnleash,
  toVictor,
} from "./fixtures.mjs";

const require = createRequire(import.meta.url);
const UNROUTABLE = "http://127.0.0.1:9";

/** LaunchDarkly client options that never reach the network: the bootstrap only, no events, silent. */
export function launchDarklyOfflineOptions(bootstrap, streaming) {
  return {
    bootstrap,
    baseUrl: UNROUTABLE,
    streamUrl: UNROUTABLE,
    eventsUrl: UNROUTABLE,
    sendEvents: false,
    fetchGoals: false,
    diagnosticOptOut: true,
    streaming,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
}

/** Installed version of a package, read from its package.json. */
export function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
  } catch {
    // packages whose "exports" hide package.json
    const main = require.resolve(pkg);
    const root = main.slice(0, main.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
    return JSON.parse(readFileSync(`${root}package.json`, "utf8")).version;
  }
}

const SERVER = "server";
const LOCAL = "local";

export const SDKS = {
  victor: {
    label: "victor-flags",
    packages: ["@victor-flags/core"],
    async create(flags, subject) {
      const { FeatureFlagManager, createMemoryStorage } = await import("@victor-flags/core");
      const m = new FeatureFlagManager({ config: toVictor(flags), context: { userId: subject }, storage: createMemoryStorage() });
      return {
        bool: (name) => m.isEnabled(name),
        variant: (name) => m.getVariant(name),
        setContext: (s) => m.setContext({ userId: s }),
        support: { plain: LOCAL, rollout: LOCAL, variant: LOCAL, chain: LOCAL, context: LOCAL },
        close() {},
        raw: m,
      };
    },
  },

  growthbook: {
    label: "GrowthBook",
    packages: ["@growthbook/growthbook"],
    async create(flags, subject) {
      const { GrowthBook } = await import("@growthbook/growthbook");
      const gb = new GrowthBook({ features: toGrowthBook(flags), attributes: { id: subject } });
      return {
        bool: (name) => gb.isOn(name),
        variant: (name) => gb.getFeatureValue(name, "control"),
        setContext: (s) => gb.setAttributes({ id: s }),
        support: { plain: LOCAL, rollout: LOCAL, variant: LOCAL, chain: LOCAL, context: LOCAL },
        close: () => gb.destroy(),
        raw: gb,
      };
    },
  },

  openfeature: {
    label: "OpenFeature",
    packages: ["@openfeature/web-sdk"],
    async create(flags, subject) {
      const { OpenFeature, InMemoryProvider } = await import("@openfeature/web-sdk");
      await OpenFeature.setContext({ targetingKey: subject });
      await OpenFeature.setProviderAndWait(new InMemoryProvider(toOpenFeature(flags)));
      const client = OpenFeature.getClient();
      return {
        bool: (name) => client.getBooleanValue(name, false),
        variant: (name) => client.getStringValue(name, "control"),
        setContext: (s) => OpenFeature.setContext({ targetingKey: s }),
        support: {
          plain: LOCAL,
          rollout: "local (user-written contextEvaluator; InMemoryProvider has no rollouts)",
          variant: "local (user-written contextEvaluator; InMemoryProvider has no weights)",
          chain: "not supported: InMemoryProvider has no prerequisites",
          context: LOCAL,
        },
        close: () => OpenFeature.clearProviders(),
        raw: client,
      };
    },
  },

  unleash: {
    label: "Unleash",
    packages: ["unleash-proxy-client"],
    async create(flags, subject) {
      const { UnleashClient } = await import("unleash-proxy-client");
      const client = new UnleashClient({
        url: `${UNROUTABLE}/api/frontend`,
        clientKey: "bench",
        appName: "bench",
        bootstrap: toUnleash(flags, subject),
        disableRefresh: true,
        fetch: async () => new Response(null, { status: 304 }),
      });
      return {
        bool: (name) => client.isEnabled(name),
        variant: (name) => client.getVariant(name).name,
        setContext: null,
        support: {
          plain: LOCAL,
          rollout: SERVER,
          variant: SERVER,
          chain: SERVER,
          context: "not offline: the frontend API evaluates on the server, so a context change is a fetch",
        },
        close: () => client.stop(),
        raw: client,
      };
    },
  },

  launchdarkly: {
    label: "LaunchDarkly",
    packages: ["launchdarkly-js-client-sdk"],
    needsDom: true,
    async create(flags, subject, { streaming = false } = {}) {
      const { installDom } = await import("./dom.mjs");
      installDom();
      const { initialize } = await import("launchdarkly-js-client-sdk");
      const client = initialize("bench-client-side-id", { kind: "user", key: subject }, launchDarklyOfflineOptions(toLaunchDarkly(flags, subject), streaming));
      await client.waitForInitialization(5);
      return {
        bool: (name) => client.variation(name, false),
        variant: (name) => client.variation(name, "control"),
        setContext: null,
        support: {
          plain: LOCAL,
          rollout: SERVER,
          variant: SERVER,
          chain: SERVER,
          context: "not offline: identify() fetches the new context's values from LaunchDarkly",
        },
        close: () => client.close(),
        raw: client,
      };
    },
  },
};

export const SDK_IDS = Object.keys(SDKS);
export { BENCH_FLAGS };
