// GrowthBook hash version 2, so a team moving from GrowthBook keeps every user in the same
// bucket. Pure and synchronous: no Node crypto and no WebCrypto (which is async in browsers).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

// FNV-1a is a stream: hashing `seed + subject` equals continuing the seed's state over the
// subject. Continuing avoids building the concatenated string, whose per-character reads are
// slow while it is still a V8 cons-string.
function fnvContinue(hash: number, input: string): number {
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash;
}

/** 32-bit FNV-1a over the UTF-16 code units of `input`. */
export function fnv1a32(input: string): number {
  return fnvContinue(FNV_OFFSET, input) >>> 0;
}

/** `fnv1a32(String(n))`: V8's number-to-string beats extracting digits with float division. */
function fnv1a32OfDecimal(n: number): number {
  return fnvContinue(FNV_OFFSET, String(n)) >>> 0;
}

/** A subject's position in [0, 1) for `seed`, in steps of 0.0001 (0.01 %). */
export function bucketPosition(seed: string, subject: string): number {
  // = (fnv1a32(String(fnv1a32(seed + subject))) % 10000) / 10000, GrowthBook's hash v2
  return (fnv1a32OfDecimal(fnvContinue(fnvContinue(FNV_OFFSET, seed), subject) >>> 0) % 10000) / 10000;
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
