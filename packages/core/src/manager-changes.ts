import type { AuditLog } from "./audit-log.js";
import type { ListedFlagsView } from "./flag-store-extension.js";
import { generationOfView, internalsOf, type FlagStore, type FlagsView } from "./flag-store.js";
import { isFlagdKey, resolve } from "./flag-values.js";
import { countListeners, notifyAll, type KeyedListeners } from "./listeners.js";
import { compileExperiment } from "./flag-metadata.js";
import type { FlagCallback, FlagChange, VariantOverride } from "./manager-options.js";
import type { Logger } from "./platform.js";
import type { AuditValue, FlagConfig, JsonValue } from "./types.js";

// How the manager turns "the store moved from this view to that one" into audit entries and
// change callbacks. Views evaluate on demand, so only what is compared is computed.

function union(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(a);
  for (const name of b) set.add(name);
  return Array.from(set);
}

/** A flag's value as the audit log and callbacks carry it. */
export interface FlagState {
  /** A flagd flag's value of any JSON type (`null`: the caller's fallback); else the effective boolean. */
  readonly value: JsonValue;
  readonly variant: string | undefined;
}

/** The state of `name` in a view: typed, with its variant, for a flagd flag; the effective boolean otherwise. */
export function stateOf(view: FlagsView, name: string): FlagState {
  const g = generationOf(view);
  if (g !== undefined && isFlagdKey(g, name)) {
    const r = resolve(g, name);
    return { value: r.value ?? null, variant: r.variant };
  }
  return { value: view.isEnabled(name), variant: undefined };
}

/** The generation a view reads: a listed view's, or a store's current one (the manager passes its store as "now"). */
function generationOf(view: FlagsView) {
  return generationOfView(view) ?? internalsOf(view as FlagStore)?.g;
}

function isFlagd(view: FlagsView, name: string): boolean {
  const g = generationOf(view);
  return g !== undefined && isFlagdKey(g, name);
}

/** Whether a value moved (values of flagd flags are frozen and shared, so JSON is compared only when identities differ). */
export function sameValue(a: JsonValue, b: JsonValue): boolean {
  return Object.is(a, b) || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));
}

/** Records a change of `name` from one state to another. */
export function recordState(audit: AuditLog, name: string, old: FlagState, now: FlagState, source: string): void {
  audit.record(name, old.value, now.value, source, old.variant, now.variant);
}

/** Audits every flag (but `skip`) whose value differs between two views, as `source`. */
export function auditFlagChanges(audit: AuditLog, before: ListedFlagsView, now: ListedFlagsView, skip: readonly string[], source: string): void {
  for (const name of union(before.flagNames(), now.flagNames())) {
    if (skip.includes(name)) continue;
    const old = stateOf(before, name);
    const value = stateOf(now, name);
    if (!sameValue(old.value, value.value)) recordState(audit, name, old, value, source);
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
 * Calls `onFlagChanged` callbacks for flags whose value moved (a flagd flag's value of any type,
 * a Victor flag's effective boolean): named callbacks compare only their own flag; a `"*"`
 * callback makes every flag compare. Named ones first, then `"*"`, per flag.
 */
export function fireFlagCallbacks(callbacks: KeyedListeners<FlagCallback>, logger: Logger, before: ListedFlagsView, now: ListedFlagsView): void {
  if (countListeners(callbacks) === 0) return;
  const all = callbacks.get("*");
  const names = all.size > 0 ? union(before.flagNames(), now.flagNames()) : Array.from(callbacks.keys());
  for (const name of names) {
    const old = stateOf(before, name);
    const value = stateOf(now, name);
    if (sameValue(old.value, value.value)) continue;
    // Victor flags' callbacks hear (name, value) exactly as before; flagd flags' also the typed change.
    const change: FlagChange = Object.freeze({ oldValue: old.value, newValue: value.value, oldVariant: old.variant, newVariant: value.variant });
    const args: Parameters<FlagCallback> = isFlagd(before, name) || isFlagd(now, name) ? [name, now.isEnabled(name), change] : [name, now.isEnabled(name)];
    notifyAll(callbacks.get(name), args, logger, `onFlagChanged callback for "${name}"`);
    notifyAll(all, args, logger, `onFlagChanged("*") callback`);
  }
}

/**
 * Forgets forced variants whose experiment (or variant) `doc` no longer has: the store already
 * ignores them, this drops them for good. Returns the experiments forgotten.
 */
export function forgetDroppedVariants(overrides: Record<string, VariantOverride>, doc: FlagConfig | undefined): string[] {
  const dropped = Object.keys(overrides).filter((exp) => !compileExperiment(doc, exp)?.variants.includes(overrides[exp]!.variant));
  for (const exp of dropped) delete overrides[exp];
  return dropped;
}
