// What the exposure reporter needs from the host, as small interfaces. Defaults look the real
// thing up on globalThis when called, so a test (or a host without a DOM) swaps in its own.

/** The part of a fetch `Response` the reporter reads. */
export interface ReporterResponse {
  ok: boolean;
  status: number;
}

/** The part of `fetch` the reporter uses: one POST. */
export type ReporterFetch = (
  url: string,
  init: { method: "POST"; headers: Record<string, string>; body: string; keepalive?: boolean; signal?: AbortSignal },
) => Promise<ReporterResponse>;

/** `navigator.sendBeacon` in a form that names the content type: true when the browser queued it. */
export type BeaconSender = (url: string, body: string, contentType: string) => boolean;

/** Tells the reporter when the page is going away (pagehide, or visibilitychange to hidden). */
export interface PageLifecycle {
  /** Calls `listener` each time the page is hidden; the returned function stops listening. */
  onHide(listener: () => void): () => void;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

type BeaconNavigator = { sendBeacon?: (url: string, data?: string | Blob) => boolean };

/** `globalThis.fetch`, looked up per call; rejects when the host has none. */
export const globalFetch: ReporterFetch = (url, init) => {
  const f = (globalThis as { fetch?: ReporterFetch }).fetch;
  if (typeof f !== "function") return Promise.reject(new Error("no fetch available on this platform; pass options.fetch"));
  return f(url, init);
};

/**
 * `navigator.sendBeacon` when the host has it. A plain-text body goes as a string (no CORS
 * preflight); another content type goes as a Blob of that type, which cross-origin needs CORS.
 */
export function detectBeacon(): BeaconSender | undefined {
  const nav = (globalThis as { navigator?: BeaconNavigator }).navigator;
  if (!nav || typeof nav.sendBeacon !== "function") return undefined;
  return (url, body, contentType) => {
    const current = (globalThis as { navigator?: BeaconNavigator }).navigator;
    if (!current || typeof current.sendBeacon !== "function") return false;
    const BlobCtor = (globalThis as { Blob?: typeof Blob }).Blob;
    const data = contentType.startsWith("text/plain") || typeof BlobCtor !== "function" ? body : new BlobCtor([body], { type: contentType });
    try {
      return current.sendBeacon(url, data);
    } catch {
      // Some browsers throw for a Blob type they will not beacon; report it as not queued.
      return false;
    }
  };
}

/** pagehide on `window` and visibilitychange→hidden on `document`, when both exist. */
export function detectPageLifecycle(): PageLifecycle | undefined {
  const g = globalThis as unknown as Partial<EventTargetLike> & { document?: Partial<EventTargetLike> & { visibilityState?: string } };
  const doc = g.document;
  if (typeof g.addEventListener !== "function" || !doc || typeof doc.addEventListener !== "function") return undefined;
  const win = g as EventTargetLike;
  const document = doc as EventTargetLike & { visibilityState?: string };
  return {
    onHide(listener) {
      const onVisibility = () => {
        if (document.visibilityState === "hidden") listener();
      };
      win.addEventListener("pagehide", listener);
      document.addEventListener("visibilitychange", onVisibility);
      return () => {
        win.removeEventListener("pagehide", listener);
        document.removeEventListener("visibilitychange", onVisibility);
      };
    },
  };
}

type TimerHandle = { unref?: () => void } | number;

/** setInterval through globalThis (so fake timers apply), not keeping a Node process alive. */
export function startInterval(callback: () => void, ms: number): () => void {
  const handle = (globalThis.setInterval as (cb: () => void, ms: number) => TimerHandle)(callback, ms);
  if (typeof handle === "object" && typeof handle.unref === "function") handle.unref();
  return () => globalThis.clearInterval(handle as Parameters<typeof clearInterval>[0]);
}

/** setTimeout through globalThis, unref'd in Node; the returned function cancels it. */
export function startTimeout(callback: () => void, ms: number): () => void {
  const handle = (globalThis.setTimeout as (cb: () => void, ms: number) => TimerHandle)(callback, ms);
  if (typeof handle === "object" && typeof handle.unref === "function") handle.unref();
  return () => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
}
