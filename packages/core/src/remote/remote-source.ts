import { ConfigError, InvalidArgumentError, RemoteError } from "../errors.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import type { FlagContext } from "../types.js";
import { backoffDelay, describeDelay } from "./backoff.js";
import { ConfigCache } from "./config-cache.js";
import { describeError, requestConfig } from "./http-request.js";
import { LiveUpdates } from "./live-updates.js";
import { resolveOptions, type RemoteSourceOptions, type ResolvedOptions } from "./remote-options.js";
import { clearTimer, newAbortController, setTimer } from "./remote-platform.js";

/** A config source over HTTP: bootstrap → cache → network, with polling and live updates. */
export interface RemoteSource {
  /** Synchronously loads the bootstrap document, else the cached last good config, into `manager`. */
  hydrate(manager: FeatureFlagManager): void;
  /** Fetches now, then polls / streams into `manager`; returns `stop`. Starts are reference-counted. */
  start(manager: FeatureFlagManager): () => void;
  /** Resolves once a network config is applied, or after `startTimeoutMs` (never hangs). */
  ready(): Promise<void>;
  /** Fetches now (joining a request in flight); failures go to the status, not the promise. */
  refresh(): Promise<void>;
  /** Aborts the request in flight, closes the stream and clears every timer, for good. */
  dispose(): void;
}

/** Creates a remote config source (see docs/remote-config.md). */
export function createRemoteSource(options: RemoteSourceOptions): RemoteSource {
  return new HttpRemoteSource(resolveOptions(options));
}

interface InFlight {
  readonly key: string;
  readonly controller: AbortController | undefined;
  promise: Promise<void>;
}

class HttpRemoteSource implements RemoteSource {
  private readonly cache: ConfigCache;
  private readonly hydrated = new WeakSet<FeatureFlagManager>();
  private manager: FeatureFlagManager | undefined;
  private refs = 0;
  private running = false;
  private disposed = false;
  private teardownTimer: unknown;
  private pollTimer: unknown;
  private startTimer: unknown;
  private inFlight: InFlight | undefined;
  /** url + headers of the latest request: a context change that alters it supersedes the request. */
  private requestKey: string | undefined;
  private etag: { url: string; value: string } | undefined;
  private failures = 0;
  private lastLogged: string | undefined;
  private settled = false;
  private live: { url: string; updates: LiveUpdates } | undefined;
  private unsubscribeContext: (() => void) | undefined;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;

  constructor(private readonly o: ResolvedOptions) {
    this.cache = new ConfigCache(o.storage, o.logger);
    this.readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  }

  hydrate(manager: FeatureFlagManager): void {
    if (this.disposed || this.hydrated.has(manager)) return;
    this.hydrated.add(manager);
    const url = this.o.url(manager.getContext());
    let loaded = false;
    if (this.o.bootstrap !== undefined) {
      try {
        manager.loadConfig(this.o.bootstrap, { origin: "bootstrap" });
        loaded = true;
      } catch (error) {
        this.o.logger.error(`bootstrap config rejected, trying the cache instead: ${describeError(error)}`);
      }
    }
    if (!loaded) {
      const key = this.o.cacheKey(url);
      const entry = this.cache.read(key);
      if (entry) {
        try {
          manager.loadConfig(entry.config, { origin: "cache" });
          if (entry.etag !== undefined && entry.url === url) this.etag = { url, value: entry.etag };
        } catch (error) {
          this.o.logger.warn(`cached config under "${key}" no longer validates; it was removed (${describeError(error)})`);
          this.cache.remove(key);
        }
      }
    }
    if (!this.settled) manager.reportStatus({ ready: false, loading: true, error: null, stale: false });
  }

  start(manager: FeatureFlagManager): () => void {
    if (this.disposed) throw new InvalidArgumentError("this remote source was disposed; create a new one with createRemoteSource()");
    if (this.manager !== undefined && this.manager !== manager && (this.running || this.refs > 0)) {
      throw new InvalidArgumentError("a remote source feeds one manager at a time; create one source per manager");
    }
    this.refs++;
    // A start right after the last stop (React StrictMode remounting) keeps the running work.
    clearTimer(this.teardownTimer);
    this.teardownTimer = undefined;
    if (!this.running) this.begin(manager);
    let stopped = false;
    return () => {
      if (stopped || this.disposed) return;
      stopped = true;
      if (--this.refs > 0) return;
      this.teardownTimer = setTimer(() => {
        this.teardownTimer = undefined;
        if (this.refs === 0) this.halt();
      }, 0);
    };
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  refresh(): Promise<void> {
    return this.fetchNow();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.refs = 0;
    clearTimer(this.teardownTimer);
    this.teardownTimer = undefined;
    this.halt();
    this.resolveReady();
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  private begin(manager: FeatureFlagManager): void {
    this.manager = manager;
    this.running = true;
    this.hydrate(manager);
    this.unsubscribeContext = manager.onContextChange((context) => this.contextChanged(context));
    if (!this.settled) this.startTimer = setTimer(() => this.startTimedOut(), this.o.startTimeoutMs);
    void this.fetchNow();
    this.openStream(manager.getContext());
  }

  private halt(): void {
    this.running = false;
    this.unsubscribeContext?.();
    this.unsubscribeContext = undefined;
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    inFlight?.controller?.abort();
    for (const timer of [this.pollTimer, this.startTimer]) clearTimer(timer);
    this.pollTimer = this.startTimer = undefined;
    this.live?.updates.stop();
    this.live = undefined;
  }

  private settle(): void {
    this.settled = true;
    clearTimer(this.startTimer);
    this.startTimer = undefined;
    this.resolveReady();
  }

  private startTimedOut(): void {
    this.startTimer = undefined;
    const manager = this.manager;
    if (this.settled || !manager) return;
    const status = manager.getStatus();
    const url = this.o.url(manager.getContext());
    const last = status.error ? `; last error: ${status.error.message}` : "";
    const error = new RemoteError("timeout", `no config from ${url} within ${this.o.startTimeoutMs} ms (startTimeoutMs)${last}; using ${this.describeHeld(manager)}`, { url, cause: status.error ?? undefined });
    manager.reportStatus({ ready: true, loading: false, error, stale: true });
    this.log(error.message);
    this.settle();
  }

  private contextChanged(context: FlagContext): void {
    if (!this.running) return;
    const key = this.keyFor(context);
    if (key === this.requestKey) return; // the config does not depend on what changed
    const superseded = this.inFlight;
    this.inFlight = undefined;
    superseded?.controller?.abort();
    this.failures = 0;
    void this.fetchNow();
    this.openStream(context);
  }

  // ---- requests -------------------------------------------------------------------------------

  private keyFor(context: FlagContext): string {
    return JSON.stringify([this.o.url(context), this.o.headers(context)]);
  }

  private fetchNow(): Promise<void> {
    const manager = this.manager;
    if (!this.running || !manager) return Promise.resolve();
    if (this.inFlight) return this.inFlight.promise;
    clearTimer(this.pollTimer);
    this.pollTimer = undefined;
    const context = manager.getContext();
    const url = this.o.url(context);
    const key = this.keyFor(context);
    this.requestKey = key;
    const controller = newAbortController();
    const request: InFlight = { key, controller, promise: Promise.resolve() };
    this.inFlight = request;
    request.promise = (async () => {
      let ok = false;
      let failure: RemoteError | undefined;
      try {
        const response = await requestConfig({
          fetch: this.o.fetch(),
          url,
          headers: this.o.headers(context),
          etag: this.etag?.url === url ? this.etag.value : undefined,
          timeoutMs: this.o.timeoutMs,
          maxBodyBytes: this.o.maxBodyBytes,
          ...(controller ? { signal: controller.signal } : {}),
        });
        if (this.inFlight !== request || response.status === "aborted") return; // superseded or stopped
        if (response.status === "not-modified") {
          manager.reportStatus({ ready: true, loading: false, error: null, stale: false, source: "network" });
          this.recovered();
        } else {
          this.apply(manager, response.doc, response.etag, url, `GET ${url}`);
        }
        ok = true;
      } catch (error) {
        if (this.inFlight !== request) return;
        failure = error instanceof RemoteError ? error : new RemoteError("network", `GET ${url}: ${describeError(error)}`, { url, cause: error });
      }
      this.inFlight = undefined;
      if (!this.running) return;
      let next = this.o.pollIntervalMs;
      if (failure) {
        const attempt = this.failures++;
        if (attempt < this.o.retry.maxAttempts) next = backoffDelay(attempt, this.o.retry);
        this.fail(manager, failure, next === undefined ? "not retrying until the next refresh()" : `retrying in ${describeDelay(next)}`);
      }
      if (ok) this.failures = 0;
      if (next !== undefined) this.pollTimer = setTimer(() => void this.fetchNow(), next);
    })();
    return request.promise;
  }

  /** Installs a document from the network or the stream; a rejected one throws a `RemoteError`. */
  private apply(manager: FeatureFlagManager, doc: unknown, etag: string | undefined, url: string, what: string): void {
    try {
      manager.loadConfig(doc, { origin: "network", auditSource: "remote" });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new RemoteError("invalid-config", `${what}: ${error.message}`, { url, cause: error });
    }
    this.etag = etag === undefined ? undefined : { url, value: etag };
    this.cache.write(this.o.cacheKey(url), { url, etag, config: doc });
    this.recovered();
  }

  private recovered(): void {
    this.lastLogged = undefined;
    this.settle();
  }

  /** Keeps the config, records the error in the status and logs it once. */
  private fail(manager: FeatureFlagManager, error: RemoteError, then: string): void {
    manager.reportStatus({ error, stale: true });
    this.log(`${error.message}; keeping ${this.describeHeld(manager)}, ${then}`, error.message);
  }

  private describeHeld(manager: FeatureFlagManager): string {
    const source = manager.getStatus().source;
    return source === "none" || source === "static" ? "the flags' current values" : `the last good config (from ${source})`;
  }

  /** Logs a failure, once per distinct problem until the source recovers (no log storm in an outage). */
  private log(message: string, dedupeKey = message): void {
    if (this.lastLogged === dedupeKey) return;
    this.lastLogged = dedupeKey;
    this.o.logger.error(`remote config: ${message}`);
  }

  // ---- live updates ---------------------------------------------------------------------------

  private openStream(context: FlagContext): void {
    if (!this.o.streamUrl) return;
    const url = this.o.streamUrl(context);
    const headers = this.o.headers(context);
    if (this.live?.url === url) return;
    this.live?.updates.stop();
    const documentUrl = this.o.url(context);
    const updates = new LiveUpdates({
      url,
      headers,
      factory: this.o.eventSource(headers),
      retry: this.o.retry,
      maxBodyBytes: this.o.maxBodyBytes,
      onDocument: (doc, id) => {
        if (this.manager) this.apply(this.manager, doc, id, documentUrl, `event stream ${url}`);
      },
      onProblem: (error, then) => {
        if (this.manager && this.live?.updates === updates) this.fail(this.manager, error, then);
      },
    });
    this.live = { url, updates };
    updates.start();
  }
}
