import { notifyAll } from "./listeners.js";
import type { Logger } from "./platform.js";
import type { ExposureEvent } from "./types.js";

// Bounded: a page that churns through names forgets what it saw rather than growing.
const DEDUP_LIMIT = 10_000;
const TRUE_SEEN = 1;
const FALSE_SEEN = 2;

/**
 * Tells listeners about each distinct (subject, kind, name, value) the UI showed, once. The
 * repeat path (the common one: every render of a mounted consumer) does two map lookups and no
 * allocation; the seen-sets are for the current subject only and reset when it changes.
 */
export class ExposureLog {
  private readonly listeners = new Set<(event: ExposureEvent) => void>();
  private subject: string | undefined;
  private readonly flags = new Map<string, number>();
  private readonly variants = new Map<string, Set<string | undefined>>();
  private size = 0;

  constructor(private readonly logger: Logger) {}

  /** True when someone listens, so callers can skip computing the value. */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Listeners attached (leak checks). */
  get count(): number {
    return this.listeners.size;
  }

  /** Reports an exposure unless the same one was already reported. */
  record(kind: ExposureEvent["kind"], name: string, value: ExposureEvent["value"], subject: string): void {
    if (subject !== this.subject) {
      this.reset();
      this.subject = subject;
    }
    if (this.size >= DEDUP_LIMIT) this.reset();
    if (kind === "flag") {
      const bit = value === true ? TRUE_SEEN : FALSE_SEEN;
      const seen = this.flags.get(name) ?? 0;
      if (seen & bit) return;
      this.flags.set(name, seen | bit);
    } else {
      const variant = typeof value === "string" ? value : undefined;
      let seen = this.variants.get(name);
      if (seen?.has(variant)) return;
      if (!seen) this.variants.set(name, (seen = new Set()));
      seen.add(variant);
    }
    this.size++;
    notifyAll(this.listeners, [{ kind, name, value, subject, timestamp: Date.now() }], this.logger, "exposure listener");
  }

  /** Adds a listener; the returned function removes it. */
  listen(listener: (event: ExposureEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Forgets what was reported (after a context change or `clearCache`). */
  reset(): void {
    if (this.size === 0) return;
    this.flags.clear();
    this.variants.clear();
    this.size = 0;
  }
}
