import { useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from "react";
import {
  FeatureFlagManager,
  InvalidArgumentError,
  type FeatureFlagManagerOptions,
  type FlagConfig,
  type FlagContext,
} from "@victor-flags/core";
import { FlagManagerContext, HydrationContext, type HydrationState } from "./flag-context.js";
import { jsonEqual } from "./json-equal.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** Manager options a provider that builds its own manager passes through. */
export type ManagerPassThroughOptions = Pick<FeatureFlagManagerOptions, "env" | "storage" | "logger" | "auditLogSize">;

interface CommonProps {
  children?: ReactNode;
  /**
   * Who flags are evaluated for (`{ userId, ... }`). Compared by value: a new object with the
   * same content changes nothing; a different one re-buckets through `manager.setContext`.
   */
  context?: FlagContext;
}

/** `<FlagProvider manager={m}>`: use an existing manager (its options are its own). */
export interface ManagerSourceProps extends CommonProps {
  manager: FeatureFlagManager;
  config?: never;
  url?: never;
  remote?: never;
  env?: never;
  storage?: never;
  logger?: never;
  auditLogSize?: never;
}

/** `<FlagProvider config={doc}>`: build a manager from a static config document, once. */
export interface ConfigSourceProps extends CommonProps, ManagerPassThroughOptions {
  config: FlagConfig;
  manager?: never;
  url?: never;
  remote?: never;
}

/** A config source a provider can drive: synchronous hydration, then start/stop. */
export interface ProviderSource {
  hydrate(manager: FeatureFlagManager): void;
  start(manager: FeatureFlagManager): () => void;
}

/** Internal: how the url form of a provider builds its source. */
export type SourceFactory<P> = (props: P, storage: ManagerPassThroughOptions["storage"]) => ProviderSource;

type AnyProps = CommonProps & ManagerPassThroughOptions & { manager?: FeatureFlagManager; config?: FlagConfig; url?: string };

interface Built {
  manager: FeatureFlagManager;
  source: ProviderSource | undefined;
}

function checkExactlyOne(props: AnyProps, component: string, accepts: readonly ("manager" | "config" | "url")[]): void {
  const given = (["manager", "config", "url"] as const).filter((key) => props[key] !== undefined && props[key] !== null);
  if (given.length === 1 && accepts.includes(given[0]!)) return;
  const wanted = accepts.length === 3 ? "manager, config or url" : accepts.join(" or ");
  const got = given.length === 0 ? "none" : given.join(" and ");
  throw new InvalidArgumentError(`<${component}> needs exactly one of ${wanted}; got ${got}`);
}

function build<P extends AnyProps>(props: P, createSource: SourceFactory<P> | undefined): Built {
  if (props.manager !== undefined) {
    if (!(props.manager instanceof FeatureFlagManager)) throw new InvalidArgumentError("manager must be a FeatureFlagManager");
    // Applied before the children first render, so they never show the previous subject's values.
    if (props.context !== undefined && !jsonEqual(props.manager.getContext(), props.context)) props.manager.setContext(props.context);
    return { manager: props.manager, source: undefined };
  }
  const options: FeatureFlagManagerOptions = { env: props.env, storage: props.storage, logger: props.logger, auditLogSize: props.auditLogSize, context: props.context };
  for (const key of Object.keys(options) as (keyof FeatureFlagManagerOptions)[]) if (options[key] === undefined) delete options[key];
  if (props.config !== undefined) return { manager: new FeatureFlagManager({ ...options, config: props.config }), source: undefined };
  const manager = new FeatureFlagManager(options);
  const source = createSource!(props, props.storage);
  // Bootstrap or cached config, synchronously: the first render already shows the right branch.
  source.hydrate(manager);
  return { manager, source };
}

function hydrationStateOf(manager: FeatureFlagManager): HydrationState {
  return { snapshot: manager.getSnapshot(), status: manager.getStatus() };
}

/** Returns the previous value while the new one is equal by value, so effects see one identity. */
function useValueIdentity<T>(value: T): T {
  const ref = useRef(value);
  if (!jsonEqual(ref.current, value)) ref.current = value;
  return ref.current;
}

/**
 * Internal: the body of every provider. Builds the manager (and source) once in a state
 * initializer, provides the manager itself as the context value, starts the source in an
 * effect and keeps the manager's context in step with the `context` prop.
 */
export function useProviderElement<P extends AnyProps>(
  props: P,
  component: string,
  accepts: readonly ("manager" | "config" | "url")[],
  createSource?: SourceFactory<P>,
): ReactElement {
  checkExactlyOne(props, component, accepts);
  const [built] = useState(() => build(props, createSource));
  // An app may swap the manager it passes; config and url are read once (change `key` to rebuild).
  const manager = props.manager ?? built.manager;
  const source = props.manager === undefined ? built.source : undefined;

  // What the children render with during hydration: the values as this provider first saw them.
  // Kept in state rather than a memo, which React may drop and recompute from live values.
  const [initial] = useState(() => ({ manager, hydration: hydrationStateOf(manager) }));
  const hydration = useMemo(() => (manager === initial.manager ? initial.hydration : hydrationStateOf(manager)), [manager, initial]);

  const context = useValueIdentity(props.context);
  useIsomorphicLayoutEffect(() => {
    // Before paint, so a user switch shows no frame of the previous user's flags.
    if (context !== undefined && !jsonEqual(manager.getContext(), context)) manager.setContext(context);
  }, [manager, context]);

  // The source counts its starts, so StrictMode's mount, unmount, mount sends one request.
  useEffect(() => (source ? source.start(manager) : undefined), [source, manager]);

  return (
    <FlagManagerContext.Provider value={manager}>
      <HydrationContext.Provider value={hydration}>{props.children}</HydrationContext.Provider>
    </FlagManagerContext.Provider>
  );
}
