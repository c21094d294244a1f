import type { FeatureFlagManager, FlagValue, FlagsSnapshot } from "@victor-flags/core";
import { isFlagdFlag } from "@victor-flags/core/targeting";

function movedKeys(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, into: Set<string>): void {
  // A key that appeared or disappeared moved too: its evaluation went from or to FLAG_NOT_FOUND.
  for (const key of Object.keys(after)) if (!Object.prototype.hasOwnProperty.call(before, key) || before[key] !== after[key]) into.add(key);
  for (const key of Object.keys(before)) if (!Object.prototype.hasOwnProperty.call(after, key)) into.add(key);
}

/** The flagd flags of the manager's document, by key. */
function flagdFlagsOf(manager: FeatureFlagManager): Record<string, { variants?: unknown }> {
  const flags = manager.store.getConfig()?.flags as Record<string, unknown> | undefined;
  const out: Record<string, { variants?: unknown }> = {};
  if (flags !== undefined) for (const key of Object.keys(flags)) if (isFlagdFlag(flags[key])) out[key] = flags[key] as { variants?: unknown };
  return out;
}

/** A fallback of the type the flag's variants have, so a typed read answers the flag's own value. */
function fallbackFor(variants: unknown): FlagValue {
  const first = typeof variants === "object" && variants !== null ? Object.values(variants)[0] : undefined;
  return typeof first === "string" ? "" : typeof first === "number" ? 0 : typeof first === "object" && first !== null ? {} : false;
}

/**
 * Each flagd flag's answer for the manager's context, as text (variant and JSON value): a string,
 * number or object flag moves in no boolean snapshot, and a reloaded document brings equal
 * values as new objects, which must not count as moves.
 */
export function flagdAnswers(manager: FeatureFlagManager): Map<string, string> {
  const out = new Map<string, string>();
  const flags = flagdFlagsOf(manager);
  for (const key of Object.keys(flags)) {
    const d = manager.getValueDetails(key, fallbackFor(flags[key]!.variants));
    out.set(key, `${d.variant ?? ""}\u0000${JSON.stringify(d.value)}`);
  }
  return out;
}

/** The flagd flags' definitions and shared rule fragments, as text, to tell when a rule changed. */
function flagdRulesOf(manager: FeatureFlagManager): string {
  const doc = manager.store.getConfig() as { $evaluators?: unknown; metadata?: unknown } | undefined;
  return JSON.stringify([flagdFlagsOf(manager), doc?.$evaluators ?? null, doc?.metadata ?? null]);
}

function movedAnswers(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, into: Set<string>): void {
  for (const [key, answer] of after) if (before.get(key) !== answer) into.add(key);
  for (const key of before.keys()) if (!after.has(key)) into.add(key);
}

/** Options of `ValueChangeTracker`. */
export interface ValueChangeOptions {
  /**
   * Also report a new document whose flagd rules changed (definitions, `$evaluators`, flag-set
   * metadata) when no value moved for the manager's own context: a server answers other contexts.
   */
  rules?: boolean;
}

/**
 * Watches a manager and reports, once per store update, exactly the names whose value moved:
 * Victor flags, experiments, and flagd flags of every type.
 */
export class ValueChangeTracker {
  private last: FlagsSnapshot;
  private lastAnswers: Map<string, string>;
  private lastRules: string | undefined;
  private quiet = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly manager: FeatureFlagManager,
    onChange: (names: string[]) => void,
    private readonly options: ValueChangeOptions = {},
  ) {
    this.last = manager.getSnapshot();
    this.lastAnswers = flagdAnswers(manager);
    this.lastRules = options.rules ? flagdRulesOf(manager) : undefined;
    // Every write, not only boolean snapshot changes: a flagd flag's value of any type may move.
    this.unsubscribe = manager.store.onUpdate((update) => {
      if (this.quiet > 0) return; // the baseline is taken again on release
      const next = manager.getSnapshot();
      const answers = flagdAnswers(manager);
      const moved = new Set<string>();
      if (next !== this.last) {
        movedKeys(this.last.flags, next.flags, moved);
        movedKeys(this.last.variants, next.variants, moved);
      }
      movedAnswers(this.lastAnswers, answers, moved);
      if (options.rules && update.write === "config") {
        const rules = flagdRulesOf(manager);
        if (rules !== this.lastRules) for (const key of Object.keys(flagdFlagsOf(manager))) moved.add(key);
        this.lastRules = rules;
      }
      this.last = next;
      this.lastAnswers = answers;
      if (moved.size > 0) onChange([...moved]);
    });
  }

  /**
   * Stops reporting until the returned function is called; changes made meanwhile only move the
   * baseline (the SDK announces context changes itself).
   */
  mute(): () => void {
    this.quiet++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.quiet--;
      this.last = this.manager.getSnapshot();
      this.lastAnswers = flagdAnswers(this.manager);
      if (this.options.rules) this.lastRules = flagdRulesOf(this.manager);
    };
  }

  /** Stops watching. */
  dispose(): void {
    this.unsubscribe();
  }
}
