// Resource figures for FeatureHealthChecker from what Node can measure. Each figure that the
// host cannot give (no CPU list, no statfs, a zero-sized filesystem) stays undefined, so the
// check reports "unknown" instead of a guess.

import * as nodeFs from "node:fs/promises";
import * as nodeOs from "node:os";
import type { ResourceProbe, ResourceSample } from "@victor-flags/core/health";

type CpuTimes = { user: number; nice: number; sys: number; idle: number; irq: number };
type StatFs = { blocks: number; bfree: number; bavail: number };

/** Options of `createNodeResourceProbe`; the Node APIs can be replaced for tests. */
export interface NodeResourceProbeOptions {
  /** A path on the filesystem whose usage is measured (default: `process.cwd()`). */
  diskPath?: string;
  /**
   * `"system"` (default): memory in use on the machine, (total − free) / total, as `free` or
   * psutil report it. `"process"`: this process's RSS over its cgroup limit (containers), else
   * over total memory.
   */
  memory?: "system" | "process";
  /** On the first sample only, the gap between the two CPU readings (default 100 ms). */
  cpuSampleMs?: number;
  cpus?: () => ReadonlyArray<{ times: CpuTimes }>;
  totalmem?: () => number;
  freemem?: () => number;
  statfs?: ((path: string) => Promise<StatFs>) | undefined;
  memoryUsage?: () => { rss: number };
  constrainedMemory?: () => number | undefined;
}

/**
 * A `ResourceProbe` for Node: CPU utilisation from `os.cpus()` time deltas (busy / total across
 * cores since the previous sample), memory from `os.totalmem()`/`os.freemem()` (or the
 * process's RSS), disk from `fs.statfs()` as `df` computes Use%: used / (used + available).
 */
export function createNodeResourceProbe(options: NodeResourceProbeOptions = {}): ResourceProbe {
  const cpus = options.cpus ?? (() => nodeOs.cpus());
  const totalmem = options.totalmem ?? (() => nodeOs.totalmem());
  const freemem = options.freemem ?? (() => nodeOs.freemem());
  const statfs = "statfs" in options ? options.statfs : typeof nodeFs.statfs === "function" ? (path: string) => nodeFs.statfs(path) : undefined;
  const memoryUsage = options.memoryUsage ?? (() => process.memoryUsage());
  const constrainedMemory = options.constrainedMemory ?? (() => (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.());
  const cpuSampleMs = options.cpuSampleMs ?? 100;
  let previous: { busy: number; total: number } | undefined;

  const readCpu = (): { busy: number; total: number } | undefined => {
    const list = cpus();
    if (list.length === 0) return undefined;
    let busy = 0;
    let total = 0;
    for (const { times } of list) {
      const all = times.user + times.nice + times.sys + times.idle + times.irq;
      total += all;
      busy += all - times.idle;
    }
    return { busy, total };
  };

  const cpuPercent = async (notes: NonNullable<ResourceSample["notes"]>): Promise<number | undefined> => {
    if (!previous) {
      previous = readCpu();
      if (!previous) return (notes.cpu = "os.cpus() lists no CPUs on this host"), undefined;
      await new Promise((resolve) => globalThis.setTimeout(resolve, cpuSampleMs));
    }
    const now = readCpu();
    const before = previous;
    previous = now;
    if (!now || !before) return (notes.cpu = "os.cpus() lists no CPUs on this host"), undefined;
    const total = now.total - before.total;
    if (total <= 0) return (notes.cpu = "no CPU time elapsed between readings"), undefined;
    notes.cpu = "busy / total CPU time across cores since the previous sample (os.cpus)";
    return ((now.busy - before.busy) / total) * 100;
  };

  const memoryPercent = (notes: NonNullable<ResourceSample["notes"]>): number | undefined => {
    const total = totalmem();
    if (!(total > 0)) return (notes.memory = "os.totalmem() gave no figure"), undefined;
    if (options.memory === "process") {
      const limit = constrainedMemory();
      const cap = typeof limit === "number" && limit > 0 && limit < total ? limit : total;
      notes.memory = cap === total ? "process RSS / total memory" : "process RSS / cgroup memory limit";
      return (memoryUsage().rss / cap) * 100;
    }
    notes.memory = "(total - free) / total system memory (os)";
    return ((total - freemem()) / total) * 100;
  };

  const diskPercent = async (notes: NonNullable<ResourceSample["notes"]>): Promise<number | undefined> => {
    const path = options.diskPath ?? process.cwd();
    if (!statfs) return (notes.disk = "fs.statfs is not available in this Node version"), undefined;
    try {
      const s = await statfs(path);
      const used = s.blocks - s.bfree;
      if (!(used + s.bavail > 0)) return (notes.disk = `statfs(${path}) reports an empty filesystem`), undefined;
      notes.disk = `used / (used + available) on the filesystem of ${path} (statfs)`;
      return (used / (used + s.bavail)) * 100;
    } catch (error) {
      notes.disk = `statfs(${path}) failed: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
  };

  return {
    async sample() {
      const notes: NonNullable<ResourceSample["notes"]> = {};
      const [cpu, disk] = await Promise.all([cpuPercent(notes), diskPercent(notes)]);
      const sample: ResourceSample = { notes };
      if (cpu !== undefined) sample.cpuPercent = cpu;
      const memory = memoryPercent(notes);
      if (memory !== undefined) sample.memoryPercent = memory;
      if (disk !== undefined) sample.diskPercent = disk;
      return sample;
    },
  };
}
