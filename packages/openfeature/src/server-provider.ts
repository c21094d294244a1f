import type { FeatureFlagManager } from "@victor-flags/core";
import type { EvaluationContext, EventHandler, JsonValue, Provider, ProviderEventEmitter, ResolutionDetails, ServerProviderEvents } from "@openfeature/server-sdk";
import { subjectOf, toFlagContext } from "./evaluation-context.js";
import { PROVIDER_EVENTS, ProviderEventHub } from "./event-hub.js";
import type { ManagerBinding } from "./manager-binding.js";
import { createBinding, type VictorProviderOptions } from "./provider-options.js";
import { errorResolution, resolveBoolean, resolveString, resolveUnsupported, type FlagLookup, type Resolution } from "./resolution.js";
import { experimentDependsOnSubject, flagDependsOnSubject } from "./subject-dependence.js";
import { ValueChangeTracker } from "./value-changes.js";

/** Options of `VictorServerProvider`: `{ manager }`, `{ config }` or `{ url, ... }`. */
export type VictorServerProviderOptions = VictorProviderOptions;

const toDetails = <T>(resolution: Resolution<T>): Promise<ResolutionDetails<T>> => Promise.resolve(resolution as ResolutionDetails<T>);

function missingKey<T>(key: string, defaultValue: T): Resolution<T> {
  return errorResolution(defaultValue, "TARGETING_KEY_MISSING", `"${key}" is bucketed per subject: pass a targetingKey in the evaluation context`);
}

/**
 * An OpenFeature provider for `@openfeature/server-sdk` (dynamic-context paradigm): every
 * evaluation is computed for that call's context with `manager.evaluate`, never by changing the
 * shared manager, so concurrent requests for different users cannot see each other's buckets.
 */
export class VictorServerProvider implements Provider {
  readonly metadata = { name: "victor-flags" } as const;
  readonly runsOn = "server" as const;
  readonly events: ProviderEventEmitter<ServerProviderEvents>;

  private readonly hub = new ProviderEventHub<EventHandler>();
  private readonly binding: ManagerBinding;
  private tracker: ValueChangeTracker | undefined;

  constructor(options: VictorServerProviderOptions) {
    this.events = this.hub;
    this.binding = createBinding(options, this.hub, "VictorServerProvider");
  }

  /** The manager behind the provider (yours for `{ manager }`, built for `{ config }` / `{ url }`). */
  get manager(): FeatureFlagManager {
    return this.binding.manager;
  }

  /** Settles the config (the context arrives with each evaluation, so none is applied here). */
  async initialize(): Promise<void> {
    // Per-request values depend on each caller's context, so a change carries no flag list: it
    // tells listeners that the config (or an override) moved, and they re-evaluate what they need.
    // Flags of every type count, and a new document whose flagd rules changed.
    this.tracker ??= new ValueChangeTracker(this.manager, () => this.hub.emit(PROVIDER_EVENTS.ConfigurationChanged, {}), { rules: true });
    await this.binding.start();
  }

  /** Stops the remote source this provider built and drops its subscriptions. */
  async onClose(): Promise<void> {
    this.tracker?.dispose();
    this.tracker = undefined;
    this.binding.close();
  }

  /** Boolean flags for this call's context: the effective value, variant "on"/"off". */
  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return toDetails(
      this.binding.answer(defaultValue, () =>
        subjectOf(context) === undefined && flagDependsOnSubject(this.manager, flagKey) ? missingKey(flagKey, defaultValue) : resolveBoolean(this.lookupFor(context), flagKey, defaultValue),
      ),
    );
  }

  /** Experiments for this call's context: the variant name as value and variant. */
  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return toDetails(
      this.binding.answer(defaultValue, () =>
        subjectOf(context) === undefined && experimentDependsOnSubject(this.manager, flagKey) ? missingKey(flagKey, defaultValue) : resolveString(this.lookupFor(context), flagKey, defaultValue),
      ),
    );
  }

  /** flagd flags with number values for this call's context; a Victor flag is `TYPE_MISMATCH`, an unknown key `FLAG_NOT_FOUND`. */
  resolveNumberEvaluation(flagKey: string, defaultValue: number, context?: EvaluationContext): Promise<ResolutionDetails<number>> {
    return toDetails(this.binding.answer(defaultValue, () => resolveUnsupported(this.lookupFor(context), flagKey, defaultValue, "number")));
  }

  /** flagd flags with object or array values for this call's context; a Victor flag is `TYPE_MISMATCH`. */
  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context?: EvaluationContext): Promise<ResolutionDetails<T>> {
    return toDetails(this.binding.answer(defaultValue, () => resolveUnsupported(this.lookupFor(context), flagKey, defaultValue, "object")));
  }

  private lookupFor(context: EvaluationContext | undefined): FlagLookup {
    const manager = this.manager;
    const flagContext = toFlagContext(context);
    return {
      manager,
      explain: (name) => manager.evaluate(name, flagContext),
      // A forced variant holds for everyone; otherwise bucket this call's subject.
      variant: (experiment) => ({ variant: manager.evaluateVariant(experiment, flagContext), forced: manager.explainVariant(experiment).source === "runtime" }),
      // flagd's targetingKey is the OpenFeature one; toFlagContext moved it to userId
      details: (key, fallback) => manager.evaluateValue(key, fallback, flagContext),
    };
  }
}
