import type { AuditLog } from "./audit-log.js";
import type { ListedFlagsView } from "./flag-store-extension.js";
import { notifyAll, type KeyedListeners } from "./listeners.js";
import type { FlagCallback } from "./manager-options.js";
import type { Logger } from "./platform.js";
import type { AuditValue } from "./types.js";

// How the manager turns "the store moved from this view to that one" into audit entries and
// change callbacks. Views evaluate on demand, so only what is compared is computed.

function union(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(a);
  for (const name of b) set.add(name);
  return Array.from(set);
}

/** Audits every flag (but `skip`) whose effective value differs between two views, as `source`. */
export function auditFlagChanges(audit: AuditLog, before: ListedFlagsView, now: ListedFlagsView, skip: readonly string[], source: string): void {
  for (const name of union(before.flagNames(), now.flagNames())) {
    if (skip.includes(name)) continue;
    const old = before.isEnabled(name);
    const value = now.isEnabled(name);
    if (old !== value) audit.record(name, old, value, source);
  }
}

/** Audits every experiment (or those named) whose variant differs between two views. */
export function auditVariantChanges(audit: AuditLog, before: ListedFlagsView, now: ListedFlagsView, source: string, only?: readonly string[]): void {
  for (const exp of only ?? union(before.experimentNames(), now.experimentNames())) {
    const old = before.getVariant(exp);
    const value = now.getVariant(exp);
    if (old !== value) audit.record(exp, (old ?? null) as AuditValue, value ?? null, source);
  }
}

/**
 * Calls `onFlagChanged` callbacks for flags whose value moved: named callbacks compare only their
 * own flag; a `"*"` callback makes every flag compare. Named ones first, then `"*"`, per flag.
 */
export function fireFlagCallbacks(callbacks: KeyedListeners<FlagCallback>, logger: Logger, before: ListedFlagsView, now: ListedFlagsView): void {
  if (callbacks.count === 0) return;
  const all = callbacks.get("*");
  const names = all.size > 0 ? union(before.flagNames(), now.flagNames()) : Array.from(callbacks.keys());
  for (const name of names) {
    const value = now.isEnabled(name);
    if (before.isEnabled(name) === value) continue;
    notifyAll(callbacks.get(name), [name, value], logger, `onFlagChanged callback for "${name}"`);
    notifyAll(all, [name, value], logger, `onFlagChanged("*") callback`);
  }
}
