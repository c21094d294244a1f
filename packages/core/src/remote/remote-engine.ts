// The network half of a remote source, loaded by the first start() through import(): requests
// with ETag revalidation, backoff, polling, live updates, the cache write and every long message.
import { RemoteError } from "../errors.js";
import type { ConfigOrigin, FlagConfig, FlagContext, FlagsStatus } from "../types.js";
import { backoffDelay, describeDelay } from "./backoff.js";
import type { ConfigTarget } from "./config-target.js";
import { problemsOf } from "./config-problems.js";
import { describeError, requestConfig } from "./http-request.js";
import { LiveUpdates } from "./live-updates.js";
import { isDocumentProblem, OutageLog } from "./outage-log.js";
import { resolveOptions, type ResolvedOptions } from "./resolve-options.js";
import type { RemoteEngine, RemoteState } from "./remote-state.js";
import { writeCached } from "./write-cache.js";
import { newAbortController } from "../platform/fetch.js";
import { startTimeout } from "../platform/timers.js";

/** The engine for the shared state of one remote source. */
export function createEngine(state: RemoteState): RemoteEngine {
  return new NetworkEngine(state, resolveOptions(state.options, state.url, state.maxBodyBytes));
}

/** How a log line names what the source keeps serving. */
function describeHeld(source: ConfigOrigin): string {
  return source === "none" || source === "static" ? "the flags' current values" : `the last good config (from ${source})`;
}

interface InFlight {
  readonly controller: AbortController | undefined;
  promise: Promise<void>;
}

class NetworkEngine implements RemoteEngine {
  private target: ConfigTarget | undefined;
  private running = false;
  private cancelPoll: (() => void) | undefined;
  private inFlight: InFlight | undefined;
  /** url + headers of the latest request: a context change that alters it supersedes the request. */
  private requestKey: string | undefined;
  /**
   * The ETag of a document this engine received from the network. Never one read from the cache:
   * a 304 to it would confirm a stored body nobody can vouch for (anything on the page can write
   * to localStorage), so the first request of a page always fetches the document.
   */
  private etag: { url: string; value: string } | undefined;
  private failures = 0;
  private live: { url: string; updates: LiveUpdates } | undefined;
  private unsubscribeContext: (() => void) | undefined;
  private readonly log: OutageLog;

  constructor(
    private readonly s: RemoteState,
    private readonly o: ResolvedOptions,
  ) {
    this.log = new OutageLog(s.logger);
  }

  begin(target: ConfigTarget): void {
    if (this.running) return;
    this.running = true;
    this.target = target;
    this.explainRejected();
    this.unsubscribeContext = target.onContextChange((context) => this.contextChanged(context));
    void this.fetchNow();
    this.openStream(target.getContext());
  }

  halt(): void {
    this.running = false;
    this.unsubscribeContext?.();
    this.unsubscribeContext = undefined;
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    inFlight?.controller?.abort();
    this.cancelPoll?.();
    this.cancelPoll = undefined;
    this.live?.updates.stop();
    this.live = undefined;
  }

  refresh(): Promise<void> {
    return this.fetchNow();
  }

  timedOut(target: ConfigTarget, startTimeoutMs: number): void {
    if (this.s.settled) return;
    const status = target.getStatus();
    const url = this.o.url(target.getContext());
    const last = status.error ? `; last error: ${status.error.message}` : "";
    const error = new RemoteError("timeout", `no config from ${url} within ${startTimeoutMs} ms (startTimeoutMs)${last}; using ${describeHeld(status.source)}`, { url, cause: status.error ?? undefined });
    target.setStatus({ ready: true, loading: false, error, stale: true });
    this.s.logger.error(`remote config: ${error.message}`);
    this.s.settle();
  }

  /** hydrate() only knew that a bootstrap or cached document was invalid; say why, once. */
  private explainRejected(): void {
    for (const { what, key, doc } of this.s.rejected.splice(0)) {
      const why = problemsOf(doc)?.message ?? "it could not be installed";
      if (what === "bootstrap") this.s.logger.error(`bootstrap config rejected, trying the cache instead: ${why}`);
      else this.s.logger.warn(`cached config under "${key}" no longer validates; it was removed (${why})`);
    }
  }

  private contextChanged(context: FlagContext): void {
    if (!this.running || this.keyFor(context) === this.requestKey) return; // the config does not depend on what changed
    const superseded = this.inFlight;
    this.inFlight = undefined;
    superseded?.controller?.abort();
    this.failures = 0;
    void this.fetchNow();
    this.openStream(context);
  }

  private keyFor(context: FlagContext): string {
    return JSON.stringify([this.o.url(context), this.o.headers(context)]);
  }

  private fetchNow(): Promise<void> {
    const target = this.target;
    if (!this.running || !target) return Promise.resolve();
    if (this.inFlight) return this.inFlight.promise;
    this.cancelPoll?.();
    this.cancelPoll = undefined;
    const context = target.getContext();
    const url = this.o.url(context);
    this.requestKey = this.keyFor(context);
    const controller = newAbortController();
    const request: InFlight = { controller, promise: Promise.resolve() };
    this.inFlight = request;
    request.promise = (async () => {
      let failure: RemoteError | undefined;
      try {
        const response = await requestConfig({
          fetch: this.o.fetch,
          url,
          headers: this.o.headers(context),
          etag: this.etag?.url === url ? this.etag.value : undefined,
          timeoutMs: this.o.timeoutMs,
          maxBodyBytes: this.s.maxBodyBytes,
          ...(controller ? { signal: controller.signal } : {}),
        });
        if (this.inFlight !== request || response.status === "aborted") return; // superseded or stopped
        if (response.status === "not-modified") this.fresh(target);
        else this.apply(target, response.doc, response.etag, url, `GET ${url}`);
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
        this.fail(target, failure, next === undefined ? "not retrying until the next refresh()" : `retrying in ${describeDelay(next)}`);
      } else this.failures = 0;
      if (next !== undefined) this.cancelPoll = startTimeout(() => void this.fetchNow(), next, false);
    })();
    return request.promise;
  }

  /** Installs a document from the network or the stream; a rejected one throws a `RemoteError`. */
  private apply(target: ConfigTarget, doc: unknown, etag: string | undefined, url: string, what: string): void {
    const problems = problemsOf(doc);
    if (problems) throw new RemoteError("invalid-config", `${what}: ${problems.message}`, { url, cause: problems });
    try {
      target.setConfig(doc as FlagConfig, "network");
    } catch (error) {
      throw new RemoteError("invalid-config", `${what}: ${describeError(error)}`, { url, cause: error });
    }
    this.etag = etag === undefined ? undefined : { url, value: etag };
    writeCached(this.s.storage, this.s.logger, this.s.cacheKey(url), url, etag, doc);
    this.fresh(target);
  }

  /** The source holds the server's current document: fresh, settled, and any outage is over. */
  private fresh(target: ConfigTarget): void {
    target.setStatus({ ready: true, loading: false, error: null, stale: false, source: "network", rejectedUpdate: undefined });
    this.log.recovered();
    this.s.settle();
  }

  /** Keeps the config, records the error in the status and logs it once per outage. */
  private fail(target: ConfigTarget, error: RemoteError, then: string): void {
    const patch: Partial<FlagsStatus> = { error, stale: true };
    if (isDocumentProblem(error)) patch.rejectedUpdate = error;
    target.setStatus(patch);
    this.log.report(error, `${error.message}; keeping ${describeHeld(target.getStatus().source)}, ${then}`);
  }

  private openStream(context: FlagContext): void {
    if (!this.o.streamUrl) return;
    const url = this.o.streamUrl(context);
    if (this.live?.url === url) return;
    this.live?.updates.stop();
    const headers = this.o.headers(context);
    const documentUrl = this.o.url(context);
    const updates = new LiveUpdates({
      url,
      headers,
      factory: this.o.eventSource(headers),
      retry: this.o.retry,
      maxBodyBytes: this.s.maxBodyBytes,
      onDocument: (doc, id) => {
        if (this.target) this.apply(this.target, doc, id, documentUrl, `event stream ${url}`);
      },
      onProblem: (error, then) => {
        if (this.target && this.live?.updates === updates) this.fail(this.target, error, then);
      },
    });
    this.live = { url, updates };
    updates.start();
  }
}
