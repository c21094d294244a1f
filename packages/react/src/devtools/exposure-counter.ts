import type { ExposureEvent, FeatureFlagManager } from "@victor-flags/core";

/** How many distinct exposures of one value the UI reported (the manager reports each subject and value once). */
export interface ExposureCount {
  kind: ExposureEvent["kind"];
  name: string;
  value: string;
  count: number;
}

/**
 * Counts exposures from the moment it is attached. The devtools attach it in a layout effect,
 * which runs before any component's exposure effect of the same commit, so the first page
 * render is counted although the panel itself loads later.
 */
export class ExposureCounter {
  private readonly counts = new Map<string, ExposureCount>();
  private readonly listeners = new Set<() => void>();
  private list: readonly ExposureCount[] = [];

  /** Starts counting the manager's exposures; the returned function stops. */
  attach(manager: FeatureFlagManager): () => void {
    return manager.onExposure((event) => {
      const value = String(event.value);
      const key = `${event.kind}\u0000${event.name}\u0000${value}`;
      const entry = this.counts.get(key);
      this.counts.set(key, { kind: event.kind, name: event.name, value, count: (entry?.count ?? 0) + 1 });
      this.list = [...this.counts.values()];
      for (const listener of this.listeners) listener();
    });
  }

  /** Current counts, the same array until one changes. */
  getSnapshot = (): readonly ExposureCount[] => this.list;

  /** Calls `listener` after each counted exposure. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
}
