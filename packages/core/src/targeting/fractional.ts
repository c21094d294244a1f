// flagd's `fractional` operation, high-precision bucketing (flagd ADR "high-precision fractional
// bucketing", flagd-core 4): a subject's bucket is floor(murmur3(bucketBy) × totalWeight / 2^32)
// and the variant is the first whose running weight sum exceeds it. Without an explicit bucketing
// value the key is `$flagd.flagKey + targetingKey`.

import { murmur3 } from "./murmur3.js";

/** The largest total weight flagd accepts (Go's math.MaxInt32). */
export const MAX_TOTAL_WEIGHT = 2147483647;

/** A variant a bucket can name: flagd allows strings, numbers, booleans and null. */
export type BucketVariant = string | number | boolean | null;

/** Buckets checked and normalised once: variants, their clamped integer weights and the sum. */
export interface BucketList {
  readonly variants: readonly BucketVariant[];
  readonly weights: readonly number[];
  readonly total: number;
}

/**
 * Checks evaluated bucket entries (`[variant, weight?]` each) the way flagd does: a weight must
 * be an integer (negative ones count as 0, as rollout arithmetic can produce them), the default
 * weight is 1, and the total must not exceed MAX_TOTAL_WEIGHT. Returns a reason string when the
 * entries are unusable, which makes the operation answer null.
 */
export function toBucketList(entries: readonly unknown[]): BucketList | string {
  const variants: BucketVariant[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const entry of entries) {
    if (!Array.isArray(entry)) return "a bucket is not an array";
    if (entry.length === 0 || entry.length > 2) return "a bucket must be [variant] or [variant, weight]";
    const variant: unknown = entry[0];
    if (variant === null || variant === undefined) variants.push(null);
    else if (typeof variant === "string" || typeof variant === "number" || typeof variant === "boolean") variants.push(variant);
    else return "a bucket's variant must be a string, number, boolean or null";
    let weight = 1;
    if (entry.length === 2) {
      const raw: unknown = entry[1];
      if (typeof raw !== "number" || !Number.isInteger(raw)) return "a bucket's weight must be an integer";
      weight = raw > 0 ? raw : 0;
    }
    weights.push(weight);
    total += weight;
  }
  if (total > MAX_TOTAL_WEIGHT) return `the weights sum to ${total}, more than ${MAX_TOTAL_WEIGHT}`;
  return { variants, weights, total };
}

/**
 * floor(hash × total / 2^32) without BigInt: the product can reach 2^63, past a double's exact
 * range, so the hash is split into 16-bit halves whose partial products stay below 2^47.
 */
export function bucketOf(hash: number, total: number): number {
  const hi = hash >>> 16;
  const lo = hash & 0xffff;
  return Math.floor((hi * total + Math.floor((lo * total) / 65536)) / 65536);
}

/** The variant `bucketBy` lands on, or null when every weight is 0. */
export function pickBucket(bucketBy: string, list: BucketList): BucketVariant {
  const bucket = bucketOf(murmur3(bucketBy), list.total);
  let sum = 0;
  for (let i = 0; i < list.weights.length; i++) {
    sum += list.weights[i] as number;
    if (sum > bucket) return list.variants[i] as BucketVariant;
  }
  return null;
}

/**
 * `fractional` over evaluated arguments. A string first argument is the bucketing value; otherwise
 * every argument is a bucket and the value is `flagKey + targetingKey` (null without a
 * targetingKey). Malformed buckets answer null, as in flagd.
 */
export function fractional(args: readonly unknown[], flagKey: string, targetingKey: unknown): BucketVariant {
  if (args.length === 0) return null;
  let bucketBy: string;
  let entries: readonly unknown[];
  if (typeof args[0] === "string") {
    bucketBy = args[0];
    entries = args.slice(1);
  } else {
    if (!targetingKey) return null;
    bucketBy = flagKey + String(targetingKey);
    entries = args;
  }
  const list = toBucketList(entries);
  return typeof list === "string" ? null : pickBucket(bucketBy, list);
}
