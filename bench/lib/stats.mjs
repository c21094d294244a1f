// Medians, spread and the number formats of the results table.

/** The q-quantile (0..1) of a list of numbers, linear between neighbours. */
export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * Median and spread of samples. `spread` is half the interquartile range as a fraction of the
 * median (±), which one slow sample (a GC pause) does not inflate the way min–max would.
 */
export function summarize(samples) {
  const median = quantile(samples, 0.5);
  const p25 = quantile(samples, 0.25);
  const p75 = quantile(samples, 0.75);
  return { median, p25, p75, spread: median > 0 ? (p75 - p25) / 2 / median : 0, n: samples.length };
}

/** 3 significant digits, no exponent. */
export function sig(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(digits, 3));
}

export function formatNs(ns) {
  if (ns < 1_000) return `${sig(ns)} ns`;
  if (ns < 1_000_000) return `${sig(ns / 1_000)} µs`;
  return `${sig(ns / 1_000_000)} ms`;
}

export function formatMs(ms) {
  return ms < 1 ? `${sig(ms * 1000)} µs` : `${sig(ms)} ms`;
}

export function formatBytes(bytes) {
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  if (Math.abs(bytes) < 1024 * 1024) return `${sig(bytes / 1024)} kB`;
  return `${sig(bytes / 1024 / 1024)} MB`;
}

/** "12.3 ns ±4%". */
export function withSpread(summary, format) {
  return `${format(summary.median)} ±${Math.round(summary.spread * 100)}%`;
}

/** Peer ÷ ours, as "3.2×" (above 1: victor-flags is faster or smaller). */
export function ratio(peer, ours) {
  if (!(peer > 0) || !(ours > 0)) return "–";
  const r = peer / ours;
  return `${r >= 10 ? Math.round(r) : sig(r)}×`;
}

/**
 * Each SDK's median time above the bare store's for one React phase ("one", "mount", "all"):
 * { floor, above: { sdk: ms } } (an SDK without samples is absent), or undefined without a floor.
 */
export function aboveBareStore(react, phase, ids) {
  const floorSamples = react.bare?.phases[phase]?.ms;
  if (!floorSamples?.length) return undefined;
  const floor = summarize(floorSamples).median;
  const above = {};
  for (const id of ids) {
    const v = react[id]?.phases[phase]?.ms;
    if (v?.length) above[id] = summarize(v).median - floor;
  }
  return { floor, above };
}
