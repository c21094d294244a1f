import type { FeatureFlagManager } from "@victor-flags/core";

/**
 * Records the exposures of OpenFeature evaluations on the manager, out of the evaluating call.
 * `@openfeature/react-sdk` evaluates during render, so recording there would run inside React's
 * render phase; instead the names queue up and are handed to `manager.recordExposure` in one
 * microtask, where the core deduplicates per (subject, flag, value) exactly as for `useFlag`.
 */
export class ExposureQueue {
  private readonly pending = new Map<string, { kind: "flag" | "variant"; name: string }>();
  private scheduled = false;

  constructor(private readonly manager: FeatureFlagManager) {}

  /** Queues an exposure of a flag or an experiment's variant. */
  add(kind: "flag" | "variant", name: string): void {
    const key = `${kind}\u0000${name}`;
    if (!this.pending.has(key)) this.pending.set(key, { kind, name });
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Hands every queued exposure to the manager now. */
  flush(): void {
    this.scheduled = false;
    const items = [...this.pending.values()];
    this.pending.clear();
    for (const { kind, name } of items) this.manager.recordExposure(kind, name);
  }
}
