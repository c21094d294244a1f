// Exposures are counted per (kind, name, value), never stored one by one: a page that shows a
// flag a million times holds one entry. Subjects are not part of the key (the manager already
// deduplicates per subject), so aggregates carry no user ids either.

import type { ExposureEvent } from "../types.js";

/** One aggregated line: how many distinct exposures of one flag value or experiment variant. */
export interface ExposureCount {
  kind: "flag" | "variant";
  /** The flag or experiment name. */
  name: string;
  /** For `kind: "flag"`: the value shown. */
  value?: boolean;
  /** For `kind: "variant"`: the variant shown (`null` for an unknown experiment). */
  variant?: string | null;
  count: number;
}

/** The counts of one time window, ready to send. */
export interface ExposureBatch {
  /** Unique per batch and kept across retries, so a receiver can drop duplicates. */
  id: string;
  /** Start and end of the window the counts cover (ms since epoch). */
  windowStart: number;
  windowEnd: number;
  exposures: ExposureCount[];
  /** Sum of `count` over `exposures`. */
  total: number;
}

/** Counts exposures of the current window, at most `maxEntries` distinct lines. */
export class ExposureAggregate {
  private entries = new Map<string, ExposureCount>();
  private total = 0;
  private windowStart: number;

  constructor(readonly maxEntries: number) {
    this.windowStart = Date.now();
  }

  /** Distinct lines held. */
  get size(): number {
    return this.entries.size;
  }

  /** Exposures counted in this window. */
  get count(): number {
    return this.total;
  }

  /** True when one more distinct line would not fit. */
  get full(): boolean {
    return this.entries.size >= this.maxEntries;
  }

  /** Whether `event` would add a new line rather than bump an existing one. */
  isNew(event: ExposureEvent): boolean {
    return !this.entries.has(keyOf(event));
  }

  /** Counts one exposure. The caller cuts the window first when `full` and the line is new. */
  add(event: ExposureEvent): void {
    const key = keyOf(event);
    const entry = this.entries.get(key);
    this.total++;
    if (entry) {
      entry.count++;
      return;
    }
    this.entries.set(
      key,
      event.kind === "flag"
        ? { kind: "flag", name: event.name, value: event.value === true, count: 1 }
        : { kind: "variant", name: event.name, variant: typeof event.value === "string" ? event.value : null, count: 1 },
    );
  }

  /** Ends the window: returns its counts (or undefined when empty) and starts a new one. */
  cut(id: string): ExposureBatch | undefined {
    const now = Date.now();
    if (this.entries.size === 0) {
      this.windowStart = now;
      return undefined;
    }
    const batch: ExposureBatch = { id, windowStart: this.windowStart, windowEnd: now, exposures: [...this.entries.values()], total: this.total };
    this.entries = new Map();
    this.total = 0;
    this.windowStart = now;
    return batch;
  }

  /** Drops the window's counts, returning how many exposures they held. */
  discard(): number {
    const lost = this.total;
    this.entries = new Map();
    this.total = 0;
    return lost;
  }
}

function keyOf(event: ExposureEvent): string {
  return `${event.kind}\u0000${event.name}\u0000${String(event.value)}`;
}
