import type { FeatureFlagManager, FlagsSnapshot } from "@victor-flags/core";

function movedKeys(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, into: Set<string>): void {
  // A key that appeared or disappeared moved too: its evaluation went from or to FLAG_NOT_FOUND.
  for (const key of Object.keys(after)) if (!Object.prototype.hasOwnProperty.call(before, key) || before[key] !== after[key]) into.add(key);
  for (const key of Object.keys(before)) if (!Object.prototype.hasOwnProperty.call(after, key)) into.add(key);
}

/** The flags and experiments whose value differs between two snapshots, in no particular order. */
export function changedNames(before: FlagsSnapshot, after: FlagsSnapshot): string[] {
  const moved = new Set<string>();
  movedKeys(before.flags, after.flags, moved);
  movedKeys(before.variants, after.variants, moved);
  return [...moved];
}

/**
 * Watches a manager and reports, once per store update, exactly the names whose value moved.
 */
export class ValueChangeTracker {
  private last: FlagsSnapshot;
  private quiet = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly manager: FeatureFlagManager,
    onChange: (names: string[]) => void,
  ) {
    this.last = manager.getSnapshot();
    this.unsubscribe = manager.subscribe(() => {
      const next = manager.getSnapshot();
      if (next === this.last) return;
      const names = changedNames(this.last, next);
      this.last = next;
      if (this.quiet === 0 && names.length > 0) onChange(names);
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
    };
  }

  /** Stops watching. */
  dispose(): void {
    this.unsubscribe();
  }
}
