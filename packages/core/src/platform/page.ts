// Browser page capabilities the exposure reporter uses: sendBeacon and page-hide events.

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
