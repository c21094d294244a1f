// GrowthBook hash version 2, so a team moving from GrowthBook keeps every user in the same
// bucket. Pure and synchronous: no Node crypto and no WebCrypto (which is async in browsers).

/** 32-bit FNV-1a over the UTF-16 code units of `input`. */
export function fnv1a32(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/** A subject's position in [0, 1) for `seed`, in steps of 0.0001 (0.01 %). */
export function bucketPosition(seed: string, subject: string): number {
  return (fnv1a32(String(fnv1a32(seed + subject))) % 10000) / 10000;
}

/** Whether the subject falls inside a `percentage` (0–100) rollout. */
export function inRollout(seed: string, subject: string, percentage: number): boolean {
  return bucketPosition(seed, subject) < percentage / 100;
}

/**
 * Index of the variant whose range `[sum of earlier weights, that + weight)` holds `position`.
 * A position past the last range (weights that sum to 1 - 1e-10) goes to the last non-empty one.
 */
export function variantIndex(weights: readonly number[], position: number): number {
  let upper = 0;
  let lastNonEmpty = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    upper += w;
    if (w > 0) lastNonEmpty = i;
    if (position < upper && w > 0) return i;
  }
  return lastNonEmpty;
}

/** The variant a subject gets in an experiment. */
export function assignVariant(
  seed: string,
  subject: string,
  variants: readonly string[],
  weights: readonly number[],
): string | undefined {
  return variants[variantIndex(weights, bucketPosition(seed, subject))];
}
