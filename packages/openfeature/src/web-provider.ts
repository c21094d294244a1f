import type { FeatureFlagManager } from "@victor-flags/core";
import type { ClientProviderEvents, EvaluationContext, EventHandler, JsonValue, Provider, ProviderEventEmitter, ResolutionDetails } from "@openfeature/web-sdk";
import { toFlagContext } from "./evaluation-context.js";
import { PROVIDER_EVENTS, ProviderEventHub } from "./event-hub.js";
import { ExposureQueue } from "./exposure-queue.js";
import type { ManagerBinding } from "./manager-binding.js";
import { createBinding, requestKeyOf, type VictorProviderOptions } from "./provider-options.js";
import { resolveBoolean, resolveString, resolveUnsupported, type FlagLookup, type Resolution } from "./resolution.js";
import { ValueChangeTracker } from "./value-changes.js";

/** Options of `VictorWebProvider`: where the flags come from, plus exposure recording. */
export type VictorWebProviderOptions = VictorProviderOptions & {
  /** Report each evaluated flag and variant to `manager.recordExposure` (deduplicated by the core). @default true */
  recordExposures?: boolean;
};

const toDetails = <T>(resolution: Resolution<T>): ResolutionDetails<T> => resolution as ResolutionDetails<T>;

/**
 * An OpenFeature provider for `@openfeature/web-sdk` (static-context paradigm) backed by a
 * victor-flags manager: `OpenFeature.setProvider(new VictorWebProvider({ config }))`.
 */
export class VictorWebProvider implements Provider {
  readonly metadata = { name: "victor-flags" } as const;
  readonly runsOn = "client" as const;
  readonly events: ProviderEventEmitter<ClientProviderEvents>;

  private readonly hub = new ProviderEventHub<EventHandler>();
  private readonly binding: ManagerBinding;
  private readonly lookup: FlagLookup;
  private readonly exposures: ExposureQueue | undefined;
  private readonly requestKey: ReturnType<typeof requestKeyOf>;
  private tracker: ValueChangeTracker | undefined;

  constructor(options: VictorWebProviderOptions) {
    this.events = this.hub;
    this.binding = createBinding(options, this.hub, "VictorWebProvider");
    const manager = this.binding.manager;
    this.lookup = {
      manager,
      explain: (name) => manager.explain(name),
      variant: (experiment) => {
        const explanation = manager.explainVariant(experiment);
        return { variant: explanation.variant, forced: explanation.source === "runtime" };
      },
      details: (key, fallback) => manager.getValueDetails(key, fallback),
    };
    this.exposures = options.recordExposures === false ? undefined : new ExposureQueue(manager);
    this.requestKey = requestKeyOf(options);
  }

  /** The manager behind the provider (yours for `{ manager }`, built for `{ config }` / `{ url }`). */
  get manager(): FeatureFlagManager {
    return this.binding.manager;
  }

  /**
   * Applies the OpenFeature context (an empty one leaves a given manager's context alone), then
   * settles the config: resolves when flags can be served, rejects when there is no config.
   */
  async initialize(context?: EvaluationContext): Promise<void> {
    if (context && Object.keys(context).length > 0) this.manager.setContext(toFlagContext(context));
    this.tracker ??= new ValueChangeTracker(this.manager, (flagsChanged) => this.hub.emit(PROVIDER_EVENTS.ConfigurationChanged, { flagsChanged }));
    // Until the SDK hears READY (or ERROR) every hook evaluates afresh anyway: no change events.
    const release = this.tracker.mute();
    try {
      await this.binding.start();
    } finally {
      release();
    }
  }

  /**
   * Re-buckets for the new context. The SDK announces the change itself (`PROVIDER_CONTEXT_CHANGED`
   * makes every hook re-evaluate), so the values it moves are not reported again as configuration
   * changes. When the remote URL or headers depend on the context, waits for the new config.
   */
  onContextChange(_oldContext: EvaluationContext, newContext: EvaluationContext): Promise<void> | void {
    const next = toFlagContext(newContext);
    const tracker = this.tracker;
    const key = this.requestKey;
    const source = this.binding.source;
    const before = key?.(this.manager.getContext());
    if (!tracker) return void this.manager.setContext(next);
    const release = tracker.mute();
    try {
      this.manager.setContext(next);
    } catch (error) {
      release();
      throw error;
    }
    if (!key || !source || key(this.manager.getContext()) === before) return void release();
    return source.refresh().finally(release);
  }

  /** Stops the remote source this provider built and drops its subscriptions. */
  async onClose(): Promise<void> {
    this.tracker?.dispose();
    this.tracker = undefined;
    this.binding.close();
  }

  /** Boolean flags: the effective value, variant "on"/"off". */
  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    return toDetails(this.binding.answer(defaultValue, () => this.exposed("flag", flagKey, resolveBoolean(this.lookup, flagKey, defaultValue))));
  }

  /** flagd flags with string values; experiments: the variant name as value and variant. */
  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return toDetails(this.binding.answer(defaultValue, () => this.exposed("variant", flagKey, resolveString(this.lookup, flagKey, defaultValue))));
  }

  /** flagd flags with number values; a Victor flag is `TYPE_MISMATCH`, an unknown key `FLAG_NOT_FOUND`. */
  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return toDetails(this.binding.answer(defaultValue, () => resolveUnsupported(this.lookup, flagKey, defaultValue, "number")));
  }

  /** flagd flags with object or array values; a Victor flag is `TYPE_MISMATCH`. */
  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return toDetails(this.binding.answer(defaultValue, () => resolveUnsupported(this.lookup, flagKey, defaultValue, "object")));
  }

  /** Queues the exposure of a successful answer. */
  private exposed<T>(kind: "flag" | "variant", name: string, resolution: Resolution<T>): Resolution<T> {
    if (resolution.errorCode === undefined) this.exposures?.add(kind, name);
    return resolution;
  }
}
