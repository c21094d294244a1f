import type { FeatureFlagManager, FlagsStatus } from "@victor-flags/core";
import { PROVIDER_EVENTS, type EventPayload } from "./event-hub.js";
import { unavailableResolution, type Resolution } from "./resolution.js";

/** Where the binding sends the events it raises. */
export interface EventSink {
  emit(eventType: string, details?: EventPayload): void;
}

/** What the binding needs of a config source (the shape `createRemoteSource` returns). */
export interface ConfigSourceLike {
  hydrate(manager: FeatureFlagManager): void;
  start(manager: FeatureFlagManager): () => void;
  ready(): Promise<void>;
  refresh(): Promise<void>;
  dispose(): void;
}

/** How the provider stands, as OpenFeature sees it. */
type Health = "pending" | "ready" | "stale" | "error";

/**
 * `error`: a failure with no config at all; `stale`: a failure (or a stale flag) while the last good
 * config keeps serving; `ready`: a config and no failure; `pending`: still loading.
 */
function classify(status: FlagsStatus): Health {
  if (status.error && status.source === "none") return "error";
  if (status.error || status.stale) return "stale";
  return status.ready ? "ready" : "pending";
}

function messageOf(status: FlagsStatus): string {
  return status.error?.message ?? "flag config is stale";
}

/**
 * Ties a manager (and, for the `url` form, the remote source that feeds it) to an OpenFeature
 * provider's lifecycle: `start` settles initialization, then status changes become events.
 */
export class ManagerBinding {
  private health: Health = "pending";
  private started = false;
  private closed = false;
  private stopSource: (() => void) | undefined;
  private unsubscribeStatus: (() => void) | undefined;

  constructor(
    readonly manager: FeatureFlagManager,
    private readonly events: EventSink,
    /** A failure known before starting (an invalid static config). */
    private failure: Error | undefined,
    readonly source: ConfigSourceLike | undefined,
  ) {}

  /**
   * Why evaluations cannot be answered, while no config could be loaded at all (an invalid static
   * document, or a remote source whose first fetch failed with nothing cached).
   */
  unavailable(): Error | undefined {
    if (this.failure === undefined) return undefined;
    return this.manager.getStatus().source === "none" ? this.failure : undefined;
  }

  /** `resolve()`'s answer, or the caller's default with the load error while there is no config. */
  answer<T>(defaultValue: T, resolve: () => Resolution<T>): Resolution<T> {
    const unavailable = this.unavailable();
    return unavailable ? unavailableResolution(defaultValue, unavailable) : resolve();
  }

  /**
   * Starts the source, waits until the config settles and resolves; rejects (so the SDK emits
   * `PROVIDER_ERROR`) when there is no config to serve. Status changes after that become events.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error("this provider was already initialized; create a new one per OpenFeature.setProvider");
    this.started = true;
    if (this.failure && !this.source) throw this.failure;
    this.unsubscribeStatus = this.manager.subscribeStatus(() => this.onStatus());
    if (this.source) {
      this.source.hydrate(this.manager);
      this.stopSource = this.source.start(this.manager);
      await Promise.race([this.source.ready(), this.until((s) => s.error !== null)]);
    } else {
      await this.until((s) => s.ready || s.error !== null);
    }
    const health = classify(this.manager.getStatus());
    if (health === "error") {
      this.health = "error";
      this.failure = this.manager.getStatus().error ?? new Error("flag config failed to load");
      throw this.failure;
    }
    // The SDK marks the provider READY once this resolves; a stale start is announced right after.
    this.health = "ready";
    if (health === "stale") setTimeout(() => this.onStatus(), 0);
  }

  /** Stops the source this binding owns and forgets every subscription. */
  close(): void {
    this.closed = true;
    this.unsubscribeStatus?.();
    this.unsubscribeStatus = undefined;
    this.stopSource?.();
    this.stopSource = undefined;
    this.source?.dispose();
  }

  private until(done: (status: FlagsStatus) => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (done(this.manager.getStatus())) return resolve();
      const unsubscribe = this.manager.subscribeStatus(() => {
        if (!done(this.manager.getStatus())) return;
        unsubscribe();
        resolve();
      });
    });
  }

  private onStatus(): void {
    if (this.closed || this.health === "pending") return;
    const status = this.manager.getStatus();
    const next = classify(status);
    if (next === "pending" || next === this.health) return;
    this.health = next;
    if (next === "ready") {
      this.failure = undefined;
      this.events.emit(PROVIDER_EVENTS.Ready);
    } else if (next === "stale") {
      this.failure = undefined;
      this.events.emit(PROVIDER_EVENTS.Stale, { message: messageOf(status) });
    } else {
      this.failure = status.error ?? this.failure;
      this.events.emit(PROVIDER_EVENTS.Error, { message: messageOf(status) });
    }
  }
}
