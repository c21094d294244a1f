// Resource figures come from whatever the platform can actually measure. A figure it cannot
// give stays undefined (and the check reports "unknown") rather than a plausible-looking guess.

/** One reading of the host's resources, each a percentage 0–100, undefined when unknown. */
export interface ResourceSample {
  cpuPercent?: number;
  memoryPercent?: number;
  diskPercent?: number;
  /** What each figure measures, or why it is missing; shown in check messages. */
  notes?: { cpu?: string; memory?: string; disk?: string };
}

/** Reads resource usage; `@victor-flags/node` ships one for Node, this module one for browsers. */
export interface ResourceProbe {
  sample(): Promise<ResourceSample> | ResourceSample;
}

type PerformanceMemory = { usedJSHeapSize?: number; jsHeapSizeLimit?: number };
type StorageEstimate = { usage?: number; quota?: number };
type StorageManagerLike = { estimate?: () => Promise<StorageEstimate> };

/**
 * A probe over what browsers expose: memory from `performance.memory` (Chromium's JS heap
 * used / limit) and disk from `navigator.storage.estimate()` (this origin's usage / quota).
 * Browsers give no CPU figure, so CPU is always unknown. Anything else missing is unknown too.
 */
export function createBrowserResourceProbe(): ResourceProbe {
  return {
    async sample() {
      const notes: NonNullable<ResourceSample["notes"]> = { cpu: "browsers expose no CPU utilisation" };
      const sample: ResourceSample = { notes };

      const memory = (globalThis as { performance?: { memory?: PerformanceMemory } }).performance?.memory;
      const used = memory?.usedJSHeapSize;
      const limit = memory?.jsHeapSizeLimit;
      if (typeof used === "number" && typeof limit === "number" && limit > 0) {
        sample.memoryPercent = (used / limit) * 100;
        notes.memory = "JS heap used / heap limit (performance.memory)";
      } else {
        notes.memory = "performance.memory is not available here";
      }

      const storage = (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
      if (storage && typeof storage.estimate === "function") {
        try {
          const { usage, quota } = await storage.estimate();
          if (typeof usage === "number" && typeof quota === "number" && quota > 0) {
            sample.diskPercent = (usage / quota) * 100;
            notes.disk = "origin storage usage / quota (navigator.storage.estimate)";
          } else {
            notes.disk = "navigator.storage.estimate() gave no usage/quota";
          }
        } catch (error) {
          notes.disk = `navigator.storage.estimate() failed: ${error instanceof Error ? error.message : String(error)}`;
        }
      } else {
        notes.disk = "navigator.storage.estimate is not available here";
      }
      return sample;
    },
  };
}
