// Each SDK's React binding behind one surface for the React benches:
//   setup(values) → { wrap(children), useBool(name), update(values), dispose() }
// `update(values)` delivers a new set of flag values the way that SDK receives a server change
// (a config document, a payload, a fetch response, a stream event) and resolves once the SDK
// has taken it in; React's re-rendering is measured by the bench around it.
import { createElement as h } from "react";
import { FakeEventSource } from "./dom.mjs";
import { launchDarklyOfflineOptions } from "./sdks.mjs";

const UNROUTABLE = "http://127.0.0.1:9";
const SUBJECT = "user-7";

/** 100 plain boolean flags, `ui_flag_000`..`ui_flag_099`. */
export const UI_FLAGS = Array.from({ length: 100 }, (_, i) => `ui_flag_${String(i).padStart(3, "0")}`);

/** Initial values: even flags on. */
export function initialValues() {
  return Object.fromEntries(UI_FLAGS.map((name, i) => [name, i % 2 === 0]));
}

const victorDoc = (values) => ({
  version: 1,
  flags: Object.fromEntries(UI_FLAGS.map((name) => [name, { default: values[name] }])),
});

export const REACT_SDKS = {
  victor: {
    packages: ["@victor-flags/react"],
    async setup(values) {
      const { FeatureFlagManager, createMemoryStorage } = await import("@victor-flags/core");
      const { FlagProvider, useFlag } = await import("@victor-flags/react");
      const manager = new FeatureFlagManager({ config: victorDoc(values), context: { userId: SUBJECT }, storage: createMemoryStorage() });
      return {
        wrap: (children) => h(FlagProvider, { manager }, children),
        useBool: useFlag,
        // what a remote source does with a new document
        update: async (next) => manager.loadConfig(victorDoc(next), { origin: "network" }),
        dispose() {},
      };
    },
  },

  growthbook: {
    packages: ["@growthbook/growthbook-react"],
    async setup(values) {
      const { GrowthBook } = await import("@growthbook/growthbook");
      const { GrowthBookProvider, useFeatureIsOn } = await import("@growthbook/growthbook-react");
      const features = (v) => Object.fromEntries(UI_FLAGS.map((name) => [name, { defaultValue: v[name] }]));
      const gb = new GrowthBook({ features: features(values), attributes: { id: SUBJECT } });
      return {
        wrap: (children) => h(GrowthBookProvider, { growthbook: gb }, children),
        useBool: useFeatureIsOn,
        // what GrowthBook's streaming/refresh does with a new payload
        update: (next) => gb.setPayload({ features: features(next) }),
        dispose: () => gb.destroy(),
      };
    },
  },

  openfeature: {
    packages: ["@openfeature/react-sdk"],
    async setup(values) {
      const { OpenFeature, InMemoryProvider } = await import("@openfeature/web-sdk");
      const { OpenFeatureProvider, useBooleanFlagValue } = await import("@openfeature/react-sdk");
      const flags = (v) =>
        Object.fromEntries(UI_FLAGS.map((name) => [name, { variants: { on: true, off: false }, defaultVariant: v[name] ? "on" : "off", disabled: false }]));
      const provider = new InMemoryProvider(flags(values));
      await OpenFeature.setContext({ targetingKey: SUBJECT });
      await OpenFeature.setProviderAndWait(provider);
      return {
        wrap: (children) => h(OpenFeatureProvider, null, children),
        useBool: (name) => useBooleanFlagValue(name, false),
        // a provider's configuration-changed event, as a remote provider would emit it
        update: (next) => provider.putConfiguration(flags(next)),
        dispose: () => OpenFeature.clearProviders(),
      };
    },
  },

  unleash: {
    packages: ["@unleash/proxy-client-react"],
    async setup(values) {
      const { UnleashClient, InMemoryStorageProvider } = await import("unleash-proxy-client");
      const { FlagProvider, useFlag } = await import("@unleash/proxy-client-react");
      const toggles = (v) => UI_FLAGS.map((name) => ({ name, enabled: v[name], variant: { name: "disabled", enabled: false }, impressionData: false }));
      let served = toggles(values);
      const client = new UnleashClient({
        url: `${UNROUTABLE}/api/frontend`,
        clientKey: "bench",
        appName: "bench",
        bootstrap: served,
        disableRefresh: true,
        disableMetrics: true,
        storageProvider: new InMemoryStorageProvider(),
        // the frontend API, answered in memory: whatever `served` holds now
        fetch: async () => new Response(JSON.stringify({ toggles: served }), { status: 200, headers: { "content-type": "application/json" } }),
      });
      return {
        wrap: (children) => h(FlagProvider, { unleashClient: client, startClient: true }, children),
        useBool: useFlag,
        // what the refresh timer does: fetch, store, emit "update"
        update: (next) => {
          served = toggles(next);
          return client.updateToggles();
        },
        dispose: () => client.stop(),
      };
    },
  },

  launchdarkly: {
    packages: ["launchdarkly-react-client-sdk"],
    async setup(values) {
      const { initialize } = await import("launchdarkly-js-client-sdk");
      const { LDProvider, useFlags } = await import("launchdarkly-react-client-sdk");
      const versions = Object.fromEntries(UI_FLAGS.map((name) => [name, 1]));
      const bootstrap = { $flagsState: {}, $valid: true };
      for (const name of UI_FLAGS) {
        bootstrap[name] = values[name];
        bootstrap.$flagsState[name] = { version: 1, variation: values[name] ? 0 : 1 };
      }
      let current = { ...values };
      const client = initialize("bench-client-side-id", { kind: "user", key: SUBJECT }, launchDarklyOfflineOptions(bootstrap, true));
      await client.waitForInitialization(5);
      const reactOptions = { useCamelCaseFlagKeys: false };
      return {
        wrap: (children) => h(LDProvider, { clientSideID: "bench-client-side-id", ldClient: client, reactOptions, options: { bootstrap } }, children),
        useBool: (name) => useFlags()[name] === true,
        // the streaming connection's events: "patch" for one flag, "put" for a full set
        update: async (next) => {
          const changed = UI_FLAGS.filter((name) => next[name] !== current[name]);
          current = { ...next };
          if (changed.length === 1) {
            const key = changed[0];
            FakeEventSource.emitAll("patch", { key, value: next[key], version: ++versions[key], variation: next[key] ? 0 : 1 });
          } else {
            const all = {};
            for (const name of UI_FLAGS) all[name] = { value: next[name], version: ++versions[name], variation: next[name] ? 0 : 1 };
            FakeEventSource.emitAll("put", all);
          }
        },
        dispose: () => client.close(),
      };
    },
  },

  // Not an SDK: the floor. A plain store of booleans with one listener set per flag, read through
  // React's own useSyncExternalStore. What an SDK takes above it is its own plumbing.
  bare: {
    packages: [],
    async setup(values) {
      const { useSyncExternalStore } = await import("react");
      let current = { ...values };
      const listeners = new Map(UI_FLAGS.map((name) => [name, new Set()]));
      const subscribers = new Map(
        UI_FLAGS.map((name) => [
          name,
          (onChange) => {
            listeners.get(name).add(onChange);
            return () => listeners.get(name).delete(onChange);
          },
        ]),
      );
      return {
        wrap: (children) => children,
        useBool: (name) => useSyncExternalStore(subscribers.get(name), () => current[name]),
        update: async (next) => {
          const prev = current;
          current = { ...next };
          for (const name of UI_FLAGS) if (prev[name] !== current[name]) for (const l of listeners.get(name)) l();
        },
        dispose() {},
      };
    },
  },
};
