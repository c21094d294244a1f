import { notifyAll } from "./listeners.js";
import type { Logger } from "./platform.js";
import type { ExposureEvent } from "./types.js";

// Bounded: a page that churns through subjects forgets old keys rather than growing.
const DEDUP_LIMIT = 10_000;

/** Tells listeners about each distinct (subject, kind, name, value) the UI showed, once. */
export class ExposureLog {
  private readonly listeners = new Set<(event: ExposureEvent) => void>();
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** True when someone listens, so callers can skip computing the value. */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Reports an exposure unless the same one was already reported. */
  record(kind: ExposureEvent["kind"], name: string, value: ExposureEvent["value"], subject: string): void {
    const key = `${subject}\u0000${kind}\u0000${name}\u0000${String(value)}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= DEDUP_LIMIT) this.seen.clear();
    this.seen.add(key);
    notifyAll(this.listeners, [{ kind, name, value, subject, timestamp: Date.now() }], this.logger, "exposure listener");
  }

  /** Adds a listener; the returned function removes it. */
  listen(listener: (event: ExposureEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Forgets what was reported (after a context change or `clearCache`). */
  reset(): void {
    this.seen.clear();
  }
}
