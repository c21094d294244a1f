import { KeyedListeners, notifyAll } from "./listeners.js";
import type { Logger } from "./platform.js";
import { emptyRecord } from "./safe-record.js";
import type { FlagsSnapshot, FlagsStatus } from "./types.js";

/** One flag whose effective value moved. */
export interface FlagChange {
  name: string;
  old: boolean;
  value: boolean;
}

/** One experiment whose variant moved. */
export interface VariantChange {
  name: string;
  old: string | undefined;
  value: string | undefined;
}

const INITIAL_STATUS: FlagsStatus = Object.freeze({ ready: true, loading: false, error: null, source: "none", stale: false });

/**
 * Effective values, a version, and listeners keyed by flag and by experiment: the contract UI
 * bindings subscribe to. Writers change `values`/`variants` and then `commit` what moved, so
 * listeners only ever see a consistent store.
 */
export class FlagStore {
  readonly values = emptyRecord<boolean>();
  readonly variants = emptyRecord<string | undefined>();
  private version = 0;
  private snapshot: FlagsSnapshot | undefined;
  private status: FlagsStatus = INITIAL_STATUS;
  private readonly listeners = new Set<() => void>();
  private readonly flagListeners = new KeyedListeners<() => void>();
  private readonly variantListeners = new KeyedListeners<() => void>();
  private readonly statusListeners = new Set<() => void>();

  constructor(private readonly logger: Logger) {}

  /** Calls `listener` after any flag or variant changes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Calls `listener` only when this flag's effective value changes. */
  subscribeFlag(name: string, listener: () => void): () => void {
    return this.flagListeners.add(name, listener);
  }

  /** Calls `listener` only when this experiment's variant changes. */
  subscribeVariant(experiment: string, listener: () => void): () => void {
    return this.variantListeners.add(experiment, listener);
  }

  /** Listeners currently attached, all kinds together (for leak checks in tests and devtools). */
  listenerCount(): number {
    return this.listeners.size + this.flagListeners.count + this.variantListeners.count + this.statusListeners.size;
  }

  /** An immutable picture of every value; the same object until something changes. */
  getSnapshot(): FlagsSnapshot {
    if (!this.snapshot || this.snapshot.version !== this.version) {
      this.snapshot = Object.freeze({
        version: this.version,
        flags: Object.freeze(Object.assign(emptyRecord<boolean>(), this.values)),
        variants: Object.freeze(Object.assign(emptyRecord<string | undefined>(), this.variants)),
      });
    }
    return this.snapshot;
  }

  /** Bumps the version and wakes the listeners of what moved, then the store-wide ones. */
  commit(changes: readonly FlagChange[], variantChanges: readonly VariantChange[], force = false): boolean {
    if (changes.length === 0 && variantChanges.length === 0 && !force) return false;
    this.version++;
    for (const c of changes) notifyAll(this.flagListeners.get(c.name), [], this.logger, `subscriber of "${c.name}"`);
    for (const c of variantChanges) notifyAll(this.variantListeners.get(c.name), [], this.logger, `subscriber of "${c.name}"`);
    notifyAll(this.listeners, [], this.logger, "store subscriber");
    return true;
  }

  /** Loading state: ready, loading, last error and where the config came from. */
  getStatus(): FlagsStatus {
    return this.status;
  }

  /** Calls `listener` when the status changes. */
  subscribeStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** Merges a status patch; listeners hear about it only when a field actually changed. */
  reportStatus(patch: Partial<FlagsStatus>): void {
    const s = this.status;
    const next = { ...s, ...patch };
    if (next.ready === s.ready && next.loading === s.loading && next.error === s.error && next.source === s.source && next.stale === s.stale && next.rejectedUpdate === s.rejectedUpdate) return;
    this.status = Object.freeze(next);
    notifyAll(this.statusListeners, [], this.logger, "status listener");
  }
}
