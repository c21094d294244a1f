// The part of a remote source an app loads up front: options, hydrate (bootstrap or cache,
// synchronous, so the first render is right), start/stop reference counting and the start
// timeout. Everything that talks to the network loads on the first start() through one
// import() of remote-engine.ts. In production the config validator loads lazily too: hydrate
// installs an intact cache entry or a bootstrap object at once and verify-hydrated.ts checks it
// when its chunk arrives (docs/remote-config.md, "Startup, caching and status").
import { RemoteError, InvalidArgumentError } from "../errors.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import { consoleLogger } from "../platform/logger.js";
import { detectStorage } from "../platform/storage.js";
import { startTimeout } from "../platform/timers.js";
import type { ConfigOrigin, FlagConfig } from "../types.js";
import { isValidConfig } from "../assert-config.js";
import { isPlainObject } from "../safe-record.js";
import { readCached, removeCached } from "./config-cache.js";
import { toTarget, type ConfigTarget } from "./config-target.js";
import { checkOptions, urlFn, type RemoteSourceOptions } from "./remote-options.js";
import type { RejectedAtStart, RemoteEngine, RemoteState } from "./remote-state.js";

/** A config source over HTTP: bootstrap → cache → network, with polling and live updates. */
export interface RemoteSource {
  /** Synchronously loads the bootstrap document, else the cached last good config, into `target`. */
  hydrate(target: ConfigTarget | FeatureFlagManager): void;
  /** Fetches now, then polls / streams into `target`; returns `stop`. Starts are reference-counted. */
  start(target: ConfigTarget | FeatureFlagManager): () => void;
  /** Resolves once a network config is applied, or after `startTimeoutMs` (never hangs). */
  ready(): Promise<void>;
  /** Fetches now (joining a request in flight); failures go to the status, not the promise. */
  refresh(): Promise<void>;
  /** Aborts the request in flight, closes the stream and clears every timer, for good. */
  dispose(): void;
}

/**
 * Installs a document that validates (development) or is an object (production, where
 * verify-hydrated.ts validates it once loaded); false when it does not (the engine explains why).
 */
function install(target: ConfigTarget, doc: unknown, origin: ConfigOrigin): boolean {
  // Written out (not a helper) so bundlers fold it and production builds leave the validator to a
  // chunk; read per call so Node honours NODE_ENV as it is now; `typeof` keeps plain browsers safe.
  // (Outside the try: rollup keeps everything a try block calls.) Production installs any object
  // and verify-hydrated.ts checks it; the store reads a document tolerantly until then.
  const dev = typeof process !== "undefined" && process.env.NODE_ENV !== "production";
  if (dev && !isValidConfig(doc)) return false;
  if (!isPlainObject(doc)) return false;
  try {
    target.setConfig(doc as unknown as FlagConfig, origin);
    target.setStatus({ source: origin });
    return true;
  } catch {
    return false;
  }
}

/** Creates a remote config source (see docs/remote-config.md). */
export function createRemoteSource(options: RemoteSourceOptions): RemoteSource {
  checkOptions(options);
  const url = urlFn(options.url, "url");
  const startTimeoutMs = options.startTimeoutMs ?? 5000;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const s: RemoteState = {
    options,
    url,
    storage: options.storage ?? detectStorage(),
    logger: options.logger ?? consoleLogger,
    cacheKey: (u) => options.cacheKey ?? `victor-flags:remote:${u}`,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    rejected: [],
    settled: false,
    settle() {
      s.settled = true;
      cancelStartTimer();
      resolveReady();
    },
  };
  const hydrated = new WeakSet<object>();
  let owner: object | undefined;
  let target: ConfigTarget | undefined;
  let engine: Promise<RemoteEngine | void> | undefined;
  let loaded: RemoteEngine | undefined;
  let refs = 0;
  let running = false;
  let disposed = false;
  let cancelTeardown = (): void => undefined;
  let cancelStartTimer = (): void => undefined;

  const loadEngine = (t: ConfigTarget) =>
    (engine ??= import("./remote-engine.js")
      .then((m) => (loaded = m.createEngine(s)))
      .catch((error: Error) => {
        // A chunk that cannot load (offline, a deploy removed it): the start timeout still settles.
        t.setStatus({ error, stale: true });
        engine = undefined;
      }));

  // The engine words the timeout; without it (its code is still loading) a short error does.
  const timedOut = (): void => {
    const t = target!;
    if (loaded) return loaded.timedOut(t, startTimeoutMs);
    t.setStatus({ ready: true, loading: false, error: new RemoteError("timeout", `no config within ${startTimeoutMs} ms (startTimeoutMs)`, { url: url(t.getContext()) }), stale: true });
    s.settle();
  };

  const hydrate = (x: ConfigTarget | FeatureFlagManager): void => {
    if (disposed || hydrated.has(x)) return;
    hydrated.add(x);
    const t = toTarget(x);
    const bootstrap = options.bootstrap;
    const key = s.cacheKey(url(t.getContext()));
    let installed: RejectedAtStart | undefined;
    if (bootstrap !== undefined && install(t, bootstrap, "bootstrap")) installed = { what: "bootstrap", key, doc: bootstrap };
    else {
      if (bootstrap !== undefined) s.rejected.push({ what: "bootstrap", key, doc: bootstrap });
      const cached = readCached(s.storage, key, s.maxBodyBytes, s.logger);
      if (cached !== undefined && install(t, cached, "cache")) installed = { what: "cache", key, doc: cached };
      else if (cached !== undefined) {
        removeCached(s.storage, key);
        s.rejected.push({ what: "cache", key, doc: cached });
      }
    }
    if (!s.settled) t.setStatus({ ready: false, loading: true, error: null, stale: false });
    if (installed !== undefined && (typeof process === "undefined" || process.env.NODE_ENV === "production")) {
      const hydrated = installed;
      // A chunk that cannot load leaves the document in place: the network's next one replaces it.
      import("./verify-hydrated.js").then((m) => m.verifyHydrated(s, t, hydrated), () => undefined);
    }
  };

  const halt = (): void => {
    running = false;
    cancelStartTimer();
    loaded?.halt();
  };

  return {
    hydrate,
    start(x) {
      if (disposed) throw new InvalidArgumentError("this remote source was disposed: create a new one");
      if (owner !== undefined && owner !== x && (running || refs > 0)) throw new InvalidArgumentError("a remote source feeds one manager at a time");
      refs++;
      // A start right after the last stop (React StrictMode remounting) keeps the running work.
      cancelTeardown();
      if (!running) {
        const t = toTarget(x);
        owner = x;
        target = t;
        running = true;
        hydrate(x);
        if (!s.settled) cancelStartTimer = startTimeout(timedOut, startTimeoutMs, false);
        void loadEngine(t).then((e) => {
          if (running && target === t) e?.begin(t);
        });
      }
      let stopped = false;
      return () => {
        if (stopped || disposed) return;
        stopped = true;
        if (--refs > 0) return;
        cancelTeardown = startTimeout(() => refs === 0 && halt(), 0, false);
      };
    },
    ready: () => readyPromise,
    refresh: () => (running && target ? loadEngine(target).then((e) => e?.refresh()) : Promise.resolve()),
    dispose() {
      if (disposed) return;
      disposed = true;
      refs = 0;
      cancelTeardown();
      halt();
      resolveReady();
    },
  };
}
