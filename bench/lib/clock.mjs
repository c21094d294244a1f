// The benches' clock: CPU time of this process (user + system, all threads), in nanoseconds.
// On a shared machine wall-clock samples swing with whatever else runs, while the CPU time a
// piece of work takes stays put; work the process does on helper threads (GC) still counts.

/** CPU time used by this process so far, in ns (microsecond resolution). */
export function cpuNs() {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}
