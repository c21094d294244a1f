// flagd flags in the devtools: their value of any JSON type, variant and reason, and a picker
// that overrides one by naming a variant. The engine is not imported here (importing it would
// install it for the whole app): values come from the manager's typed reads.
import type { ReactElement } from "react";
import type { FeatureFlagManager, FlagValue, FlagValueDetails, JsonValue } from "@victor-flags/core";

/** A flagd flag's definition, as far as the panel reads it. */
export interface FlagdDefinition {
  readonly variants: Readonly<Record<string, JsonValue>>;
}

/** The flagd definition of `name` in the manager's document (`state` or `variants`), or `undefined` for a Victor flag. */
export function flagdDefinitionOf(manager: FeatureFlagManager, name: string): FlagdDefinition | undefined {
  const flags = (manager.store.getConfig() as { flags?: unknown } | undefined)?.flags;
  const def = typeof flags === "object" && flags !== null && Object.prototype.hasOwnProperty.call(flags, name) ? (flags as Record<string, unknown>)[name] : undefined;
  if (typeof def !== "object" || def === null || !("state" in def || "variants" in def)) return undefined;
  const variants = (def as { variants?: unknown }).variants;
  return { variants: typeof variants === "object" && variants !== null && !Array.isArray(variants) ? (variants as Record<string, JsonValue>) : {} };
}

/** A fallback of the type the flag's variants have, so the typed read answers the value itself. */
function fallbackFor(def: FlagdDefinition): FlagValue {
  for (const value of Object.values(def.variants)) {
    if (typeof value === "boolean") return false;
    if (typeof value === "string") return "";
    if (typeof value === "number") return 0;
    if (typeof value === "object" && value !== null) return Array.isArray(value) ? [] : {};
  }
  return false;
}

/** The flag's answer for the current context: value, variant, reason and error. */
export function typedDetails(manager: FeatureFlagManager, name: string, def: FlagdDefinition): FlagValueDetails<FlagValue> {
  return manager.getValueDetails(name, fallbackFor(def));
}

/** JSON text of a value, cut to `max` characters with an ellipsis (the full text goes in a title). */
export function jsonPreview(value: unknown, max = 40): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Whether readers get their own fallback: disabled, an error, or no rule match and no `defaultVariant` (an override by value is STATIC without a variant). */
const isFallback = (d: FlagValueDetails<FlagValue>) => d.reason === "ERROR" || d.reason === "DISABLED" || (d.variant === undefined && d.reason !== "STATIC");

/** The Value cell of a flagd flag: its JSON, shortened, with the whole of it on hover. */
export function TypedValue({ details }: { details: FlagValueDetails<FlagValue> }): ReactElement {
  if (isFallback(details)) {
    return <td className="muted" title={details.errorMessage ?? "no value: readers get their fallback"}>fallback</td>;
  }
  const v = details.value;
  const className = v === true ? "on" : v === false ? "off" : undefined;
  return (
    <td className={className} title={jsonPreview(v, 2000)}>
      <code>{typeof v === "boolean" ? (v ? "on" : "off") : jsonPreview(v)}</code>
    </td>
  );
}

/** The Source cell of a flagd flag that no override decides: its reason and variant. */
export function typedSourceText(details: FlagValueDetails<FlagValue>): string {
  const code = details.errorCode === undefined ? "" : ` ${details.errorCode}`;
  return details.variant === undefined ? `${details.reason}${code}` : `${details.reason} · ${details.variant}`;
}

interface VariantPickerProps {
  name: string;
  def: FlagdDefinition;
  details: FlagValueDetails<FlagValue>;
  overridden: boolean;
  disabled: boolean;
  title: string | undefined;
  /** Overrides the flag with this variant, or drops the override for `undefined`. */
  pick(variant: string | undefined): void;
}

/** The Override cell's control for a flagd flag: "rules" (no override) or one of its variants. */
export function VariantPicker({ name, def, details, overridden, disabled, title, pick }: VariantPickerProps): ReactElement {
  const names = Object.keys(def.variants);
  // An override set as a value (a boolean, say) names no variant: show the variant with that value.
  const current = overridden ? (details.variant ?? names.find((n) => jsonPreview(def.variants[n], 2000) === jsonPreview(details.value, 2000)) ?? "") : "";
  return (
    <select aria-label={`${name} override`} value={current} disabled={disabled} title={title} onChange={(e) => pick(e.target.value === "" ? undefined : e.target.value)}>
      <option value="">rules</option>
      {names.map((variant) => (
        <option key={variant} value={variant}>
          {`${variant}: ${jsonPreview(def.variants[variant], 24)}`}
        </option>
      ))}
    </select>
  );
}

/** Overrides a flagd flag with one of its variants, by name (the override records the variant). */
export function setVariantOverride(manager: FeatureFlagManager, name: string, variant: string, source: string): void {
  manager.setFlag(name, variant, { source });
}
