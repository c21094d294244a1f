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
  // Nested maps keyed by the event's own strings: no key is built per exposure, so counting
  // costs two map lookups (building and hashing a composite string cost ten times more).
  private flags = new Map<string, [off: ExposureCount | undefined, on: ExposureCount | undefined]>();
  private variants = new Map<string, Map<string | null, ExposureCount>>();
  private order: ExposureCount[] = [];
  private total = 0;
  private windowStart: number;

  constructor(readonly maxEntries: number) {
    this.windowStart = Date.now();
  }

  /** Distinct lines held. */
  get size(): number {
    return this.order.length;
  }

  /** Exposures counted in this window. */
  get count(): number {
    return this.total;
  }

  /** True when no further distinct line fits: time to cut the window. */
  get full(): boolean {
    return this.order.length >= this.maxEntries;
  }

  /** Counts one exposure; the caller cuts the window when it is `full`. */
  add(event: ExposureEvent): void {
    this.total++;
    if (event.kind === "flag") {
      let pair = this.flags.get(event.name);
      if (!pair) this.flags.set(event.name, (pair = [undefined, undefined]));
      const i = event.value === true ? 1 : 0;
      const entry = pair[i];
      if (entry) entry.count++;
      else this.order.push((pair[i] = { kind: "flag", name: event.name, value: i === 1, count: 1 }));
      return;
    }
    const variant = typeof event.value === "string" ? event.value : null;
    let byVariant = this.variants.get(event.name);
    if (!byVariant) this.variants.set(event.name, (byVariant = new Map()));
    const entry = byVariant.get(variant);
    if (entry) entry.count++;
    else {
      const line: ExposureCount = { kind: "variant", name: event.name, variant, count: 1 };
      byVariant.set(variant, line);
      this.order.push(line);
    }
  }

  /** Ends the window: returns its counts (or undefined when empty) and starts a new one. */
  cut(id: string): ExposureBatch | undefined {
    const now = Date.now();
    const batch: ExposureBatch | undefined =
      this.order.length === 0 ? undefined : { id, windowStart: this.windowStart, windowEnd: now, exposures: this.order, total: this.total };
    this.reset();
    this.windowStart = now;
    return batch;
  }

  /** Drops the window's counts, returning how many exposures they held. */
  discard(): number {
    const lost = this.total;
    this.reset();
    return lost;
  }

  private reset(): void {
    this.flags = new Map();
    this.variants = new Map();
    this.order = [];
    this.total = 0;
  }
}
