// The provider's event emitter, written against the OpenFeature `ProviderEventEmitter` contract
// rather than imported from an SDK: this package must load with only one of the two SDKs (web or
// server) installed, so it takes nothing from them at run time.

/** The provider event names of the OpenFeature specification (`ProviderEvents` values). */
export const PROVIDER_EVENTS = {
  Ready: "PROVIDER_READY",
  Error: "PROVIDER_ERROR",
  ConfigurationChanged: "PROVIDER_CONFIGURATION_CHANGED",
  Stale: "PROVIDER_STALE",
} as const;

/** One of the events a provider may emit itself (the SDK emits context events). */
export type ProviderEventName = (typeof PROVIDER_EVENTS)[keyof typeof PROVIDER_EVENTS];

/** What a handler receives; the SDK adds the provider and domain names on its way to the app. */
export type EventPayload = Record<string, unknown>;

/** The logger shape OpenFeature passes around (only `error` is used here). */
export interface HubLogger {
  error(...args: unknown[]): void;
}

/** Any event handler; each provider names its SDK's `EventHandler` type. */
export type AnyHandler = (details?: never) => unknown;

/**
 * A minimal OpenFeature provider event emitter: handlers per event name, each run in isolation so
 * one that throws (or rejects) is logged and the others still run.
 */
export class ProviderEventHub<Handler extends AnyHandler = AnyHandler> {
  private readonly handlers = new Map<string, Handler[]>();
  private logger: HubLogger = { error: (...args) => console.error("[victor-flags/openfeature]", ...args) };

  /** Emits `eventType` to every handler with `details`. */
  emit(eventType: string, details?: EventPayload): void {
    for (const handler of [...(this.handlers.get(eventType) ?? [])]) {
      try {
        // Handlers are typed by the SDK; what they receive is the event details the SDK defines.
        const result = (handler as unknown as (d?: EventPayload) => unknown)(details);
        if (result instanceof Promise) result.catch((error: unknown) => this.logger.error("Error running event handler:", error));
      } catch (error) {
        this.logger.error("Error running event handler:", error);
      }
    }
  }

  /** Adds a handler; the same function added twice runs twice, as in the SDK emitter. */
  addHandler(eventType: string, handler: Handler): void {
    const list = this.handlers.get(eventType);
    if (list) list.push(handler);
    else this.handlers.set(eventType, [handler]);
  }

  /** Removes one registration of `handler`. */
  removeHandler(eventType: string, handler: Handler): void {
    const list = this.handlers.get(eventType);
    if (!list) return;
    const at = list.lastIndexOf(handler);
    if (at !== -1) list.splice(at, 1);
    if (list.length === 0) this.handlers.delete(eventType);
  }

  /** Removes every handler of one event, or of all events. */
  removeAllHandlers(eventType?: string): void {
    if (eventType === undefined) this.handlers.clear();
    else this.handlers.delete(eventType);
  }

  /** The handlers currently registered for an event. */
  getHandlers(eventType: string): Handler[] {
    return [...(this.handlers.get(eventType) ?? [])];
  }

  /** Replaces the logger that reports handler failures. */
  setLogger(logger: HubLogger): this {
    this.logger = logger;
    return this;
  }
}
