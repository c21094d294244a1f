import { describe, expect, it } from "vitest";
import {
  ABTestingResolver,
  ANONYMOUS_ID_KEY,
  FeatureFlagManager,
  StagedRolloutResolver,
  assignVariant,
  bucketPosition,
  createMemoryStorage,
  fnv1a32,
  inRollout,
  type FlagConfig,
} from "@victor-flags/core";

const subjects = (n: number, prefix = "user-") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const share = (hits: number, total: number) => (hits / total) * 100;

describe("fnv1a32 and bucket positions", () => {
  it("matches the published FNV-1a reference values", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("positions lie in [0, 1) in steps of 0.0001", () => {
    for (const s of subjects(2000)) {
      const n = bucketPosition("seed", s);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
      expect(Math.abs(Math.round(n * 10000) - n * 10000)).toBeLessThan(1e-6);
    }
  });
});

describe("rollouts are", () => {
  it("stable across manager instances and a reload over the same storage", () => {
    const config: FlagConfig = { version: 1, flags: { f: { default: false, rollout: { percentage: 50 } } }, experiments: { e: { variants: ["a", "b", "c"], weights: [0.2, 0.3, 0.5] } } };
    const storage = createMemoryStorage();
    const first = new FeatureFlagManager({ config, storage });
    const anon = first.getSubject();
    expect(storage.getItem(ANONYMOUS_ID_KEY)).toBe(anon);
    const reloaded = new FeatureFlagManager({ config, storage });
    expect(reloaded.getSubject()).toBe(anon);
    expect(reloaded.isEnabled("f")).toBe(first.isEnabled("f"));
    expect(reloaded.getVariant("e")).toBe(first.getVariant("e"));
    for (const s of subjects(300)) {
      const a = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: s } });
      const b = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: s } });
      expect(a.isEnabled("f")).toBe(b.isEnabled("f"));
      expect(a.getVariant("e")).toBe(b.getVariant("e"));
    }
  });

  it("different for different anonymous visitors (fresh storage gives a fresh id)", () => {
    const ids = new Set(Array.from({ length: 50 }, () => new FeatureFlagManager({ storage: createMemoryStorage() }).getSubject()));
    expect(ids.size).toBe(50);
  });

  it("monotonic: everyone in at 10% stays in at 25, 50, 75 and 100", () => {
    const all = subjects(10_000);
    let previous = all.filter((s) => inRollout("monotonic_flag", s, 10));
    for (const p of [25, 50, 75, 100]) {
      const now = new Set(all.filter((s) => inRollout("monotonic_flag", s, p)));
      for (const s of previous) expect(now.has(s)).toBe(true);
      previous = [...now];
    }
    expect(previous).toHaveLength(10_000);
  });

  it("uniform: 1/5/10/25/50% land within ±1 point over 100 000 subjects", () => {
    const all = subjects(100_000, "u");
    const positions = all.map((s) => bucketPosition("uniform_flag", s));
    for (const p of [1, 5, 10, 25, 50]) {
      const hits = positions.filter((n) => n < p / 100).length;
      expect(Math.abs(share(hits, all.length) - p)).toBeLessThanOrEqual(1);
    }
  });

  it("uniform: weights [0.5, 0.25, 0.25] land within ±1 point each", () => {
    const counts = new Map<string, number>();
    const total = 100_000;
    for (const s of subjects(total, "v")) {
      const v = assignVariant("experiment_1", s, ["control", "treatment_a", "treatment_b"], [0.5, 0.25, 0.25])!;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(Math.abs(share(counts.get("control")!, total) - 50)).toBeLessThanOrEqual(1);
    expect(Math.abs(share(counts.get("treatment_a")!, total) - 25)).toBeLessThanOrEqual(1);
    expect(Math.abs(share(counts.get("treatment_b")!, total) - 25)).toBeLessThanOrEqual(1);
  });

  it("independent: two flags at 50% agree for 50% ± 1 point of subjects", () => {
    const all = subjects(100_000, "i");
    const agree = all.filter((s) => inRollout("flag_one", s, 50) === inRollout("flag_two", s, 50)).length;
    expect(Math.abs(share(agree, all.length) - 50)).toBeLessThanOrEqual(1);
  });

  it("salted: the same salt aligns two flags, a different salt decorrelates them", () => {
    const config: FlagConfig = {
      version: 1,
      flags: {
        a: { default: false, rollout: { percentage: 30, salt: "shared" } },
        b: { default: false, rollout: { percentage: 30, salt: "shared" } },
        c: { default: false, rollout: { percentage: 30 } },
      },
    };
    let agreeAB = 0;
    let agreeAC = 0;
    const n = 2000;
    for (const s of subjects(n)) {
      const m = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: s } });
      if (m.isEnabled("a") === m.isEnabled("b")) agreeAB++;
      if (m.isEnabled("a") === m.isEnabled("c")) agreeAC++;
    }
    expect(agreeAB).toBe(n);
    expect(agreeAC).toBeLessThan(n * 0.7);
  });

  it("edge cases: 0% enables nobody, 100% everybody, 0.01% granularity", () => {
    const all = subjects(20_000);
    expect(all.some((s) => inRollout("edge", s, 0))).toBe(false);
    expect(all.every((s) => inRollout("edge", s, 100))).toBe(true);
    const tiny = all.filter((s) => inRollout("edge", s, 0.01)).length;
    expect(tiny).toBe(all.filter((s) => bucketPosition("edge", s) === 0).length);
  });

  it("an empty or blank userId counts as absent: the anonymous id is used", () => {
    const storage = createMemoryStorage();
    const anonymous = new FeatureFlagManager({ storage }).getSubject();
    expect(new FeatureFlagManager({ storage, context: { userId: "" } }).getSubject()).toBe(anonymous);
    expect(new FeatureFlagManager({ storage, context: { userId: "   " } }).getSubject()).toBe(anonymous);
  });
});

describe("StagedRolloutResolver", () => {
  it("resolves true inside the rollout, else the default; raising the percentage only adds", () => {
    const inside = subjects(1000).map((s) => new StagedRolloutResolver({ rolloutPercentage: 10, subject: s }));
    const at10 = inside.map((r) => r.resolve("new_feature", false));
    expect(Math.abs(share(at10.filter(Boolean).length, 1000) - 10)).toBeLessThan(3);
    expect(inside.every((r, i) => r.resolve("new_feature", true) === true || at10[i])).toBe(true);
    inside.forEach((r) => r.setRolloutPercentage(50));
    const at50 = inside.map((r) => r.resolve("new_feature", false));
    at10.forEach((on, i) => on && expect(at50[i]).toBe(true));
    inside.forEach((r) => r.setRolloutPercentage(100));
    expect(inside.every((r) => r.resolve("new_feature"))).toBe(true);
  });

  it("agrees with a manager's gradual flag for the same subject", () => {
    const config: FlagConfig = { version: 1, flags: { new_feature: { default: false, rollout: { percentage: 35 } } } };
    for (const s of subjects(300)) {
      const manager = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: s } });
      expect(new StagedRolloutResolver({ rolloutPercentage: 35, subject: s }).resolve("new_feature")).toBe(manager.isEnabled("new_feature"));
    }
  });

  it("rejects bad percentages and an empty subject", () => {
    expect(() => new StagedRolloutResolver({ rolloutPercentage: 101 })).toThrow("rolloutPercentage must be a number from 0 to 100, got 101");
    expect(() => new StagedRolloutResolver({ rolloutPercentage: Number.NaN })).toThrow("rolloutPercentage must be a number from 0 to 100");
    expect(() => new StagedRolloutResolver({ rolloutPercentage: 10, subject: "" })).toThrow('subject must be a non-empty string, got ""');
    const r = new StagedRolloutResolver({ rolloutPercentage: 10, subject: "s" });
    expect(() => r.setRolloutPercentage(-1)).toThrow("got -1");
    expect(r.rolloutPercentage).toBe(10);
  });
});

describe("ABTestingResolver", () => {
  it("follows the seed's example and agrees with the manager's experiment", () => {
    const config: FlagConfig = { version: 1, flags: {}, experiments: { experiment_1: { variants: ["control", "treatment_a", "treatment_b"], weights: [0.5, 0.25, 0.25] } } };
    for (const s of subjects(300)) {
      const resolver = new ABTestingResolver({ variants: ["control", "treatment_a", "treatment_b"], weights: [0.5, 0.25, 0.25], subject: s });
      const manager = new FeatureFlagManager({ config, storage: createMemoryStorage(), context: { userId: s } });
      expect(resolver.resolveVariant("experiment_1")).toBe(manager.getVariant("experiment_1"));
    }
  });

  it("never assigns a zero-weight variant", () => {
    for (const s of subjects(3000)) {
      expect(new ABTestingResolver({ variants: ["a", "b", "c"], weights: [0.5, 0, 0.5], subject: s }).resolveVariant("exp")).not.toBe("b");
    }
  });

  it("throws at construction on mismatched lengths, negative weights or a sum other than 1", () => {
    expect(() => new ABTestingResolver({ variants: ["a", "b"], weights: [1] })).toThrow("ABTestingResolver: weights: has 1 weights for 2 variants");
    expect(() => new ABTestingResolver({ variants: ["a", "b"], weights: [1.2, -0.2] })).toThrow("weights[1]: must be >= 0, got -0.2");
    expect(() => new ABTestingResolver({ variants: ["a", "b"], weights: [0.5, 0.6] })).toThrow("weights: must sum to 1 (±1e-9), got 1.1");
    expect(() => new ABTestingResolver({ variants: ["a", "b"], weights: [0.5, 0.5 + 1e-10] })).not.toThrow();
    expect(() => new ABTestingResolver({ variants: ["a"], weights: [1], subject: "" })).toThrow("subject must be a non-empty string");
  });
});

describe("bucketPosition", () => {
  it("equals the SPEC formula written with string concatenation, for every digit count", () => {
    const reference = (seed: string, subject: string) => (fnv1a32(String(fnv1a32(seed + subject))) % 10000) / 10000;
    for (let i = 0; i < 20_000; i++) {
      const seed = i % 3 === 0 ? "" : `seed-${i % 97}`;
      const subject = `${i}-${String.fromCharCode(32 + (i % 0x2fff))}`;
      expect(bucketPosition(seed, subject)).toBe(reference(seed, subject));
    }
  });
});
