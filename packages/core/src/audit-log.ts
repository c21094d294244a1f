import { nanoid } from "nanoid";
import type { AuditEntry, AuditValue } from "./types.js";

/** Default number of entries the audit log keeps. */
export const DEFAULT_AUDIT_LOG_SIZE = 1000;

/** A bounded ring of flag changes, read newest first. */
export class AuditLog {
  private readonly entries: (AuditEntry | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity = DEFAULT_AUDIT_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`audit log size must be a positive integer, got ${capacity}`);
    this.entries = new Array<AuditEntry | undefined>(capacity);
  }

  /** Appends one change, evicting the oldest when full; variants are kept when either is known (flagd flags). */
  record(flagName: string, oldValue: AuditValue, newValue: AuditValue, source: string, oldVariant?: string, newVariant?: string): AuditEntry {
    const entry: AuditEntry = { id: nanoid(), timestamp: new Date().toISOString(), flagName, oldValue, newValue, source };
    if (oldVariant !== undefined) entry.oldVariant = oldVariant;
    if (newVariant !== undefined) entry.newVariant = newVariant;
    Object.freeze(entry);
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return entry;
  }

  /** Entries newest first, optionally for one flag and at most `limit` of them. */
  list(flagName?: string, limit = Infinity): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (let i = 1; i <= this.count && out.length < limit; i++) {
      const entry = this.entries[(this.next - i + this.capacity) % this.capacity] as AuditEntry;
      if (flagName === undefined || entry.flagName === flagName) out.push(entry);
    }
    return out;
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
