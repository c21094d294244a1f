import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { assignVariant, bucketPosition, fnv1a32, inRollout } from "@victor-flags/core";

interface Vectors {
  fnv1a32: { input: string; hash: number }[];
  buckets: { salt: string; subject: string; position: number; percentage: number; included: boolean }[];
  variants: { experiment: string; weights: number[]; variants: string[]; subject: string; variant: string }[];
}
const vectors = JSON.parse(readFileSync(new URL("../vectors/bucketing.json", import.meta.url), "utf8")) as Vectors;

describe("published bucketing vectors (test/vectors/bucketing.json)", () => {
  it("holds at least 200 cases", () => {
    expect(vectors.buckets.length + vectors.variants.length).toBeGreaterThanOrEqual(200);
  });

  it("fnv1a32 matches every vector", () => {
    for (const v of vectors.fnv1a32) expect(fnv1a32(v.input), v.input).toBe(v.hash);
  });

  it("bucket positions and rollout inclusion match every vector", () => {
    for (const v of vectors.buckets) {
      expect(bucketPosition(v.salt, v.subject), `${v.salt}/${v.subject}`).toBe(v.position);
      expect(inRollout(v.salt, v.subject, v.percentage)).toBe(v.included);
    }
  });

  it("variant assignment matches every vector", () => {
    for (const v of vectors.variants) expect(assignVariant(v.experiment, v.subject, v.variants, v.weights), `${v.experiment}/${v.subject}`).toBe(v.variant);
  });
});

describe("GrowthBook compatibility", () => {
  it("buckets exactly like GrowthBook's hash version 2 on fresh random inputs", async () => {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve("@growthbook/growthbook/package.json"));
    const gb = (await import(pathToFileURL(join(dir, "dist/esm/util.mjs")).href)) as { hash: (seed: string, value: string, version: number) => number };
    for (let i = 0; i < 5000; i++) {
      const seed = `flag_${i % 37}`;
      const subject = Math.random().toString(36).slice(2) + String.fromCharCode(Math.floor(Math.random() * 0xffff));
      expect(bucketPosition(seed, subject)).toBe(gb.hash(seed, subject, 2));
    }
  });
});
