import { useEffect, useMemo, useRef, useState, type ReactElement, type ReactNode } from "react";
import {
  createFlagStore,
  InvalidArgumentError,
  type FeatureFlagManager,
  type FeatureFlagManagerOptions,
  type FlagConfig,
  type FlagContext,
  type FlagStore,
  type FlagStoreOptions,
} from "@victor-flags/core";
import { ProviderContext, type HydrationState, type Provided } from "./flag-context.js";
import { jsonEqual } from "./json-equal.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** Manager options a provider that builds its own store passes through. */
export type ManagerPassThroughOptions = Pick<FeatureFlagManagerOptions, "env" | "storage" | "logger" | "auditLogSize">;

interface CommonProps {
  children?: ReactNode;
  /**
   * Who flags are evaluated for (`{ userId, ... }`). Compared by value: a new object with the
   * same content changes nothing; a different one re-buckets through `setContext`.
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

/** `<FlagProvider config={doc}>`: build a store from a static config document, once. */
export interface ConfigSourceProps extends CommonProps, ManagerPassThroughOptions {
  config: FlagConfig;
  manager?: never;
  url?: never;
  remote?: never;
}

/** A config source a provider can drive: synchronous hydration, then start/stop. */
export interface ProviderSource {
  hydrate(store: FlagStore): void;
  start(store: FlagStore): () => void;
}

/** Internal: a provider's store, and the source that feeds it (`url`), built once. */
export interface Built {
  store: FlagStore;
  source: ProviderSource | undefined;
}

/**
 * Internal: what a provider adds to the light core. `<FlagProvider>` builds its store itself from
 * `config` or `url` with `env` (the remote source and the env layer); a provider without it takes
 * `config` alone, so it bundles none of that.
 */
export interface ProviderExtras<P> {
  build?: (props: P, options: FlagStoreOptions) => Built;
}

type AnyProps = CommonProps & ManagerPassThroughOptions & { manager?: FeatureFlagManager; config?: FlagConfig; url?: string };

function checkExactlyOne(props: AnyProps, component: string, accepts: readonly ("manager" | "config" | "url")[]): void {
  const given = (["manager", "config", "url"] as const).filter((key) => props[key] != null);
  if (given.length === 1 && accepts.includes(given[0]!)) return;
  const wanted = accepts.length === 3 ? "manager, config or url" : accepts.join(" or ");
  const got = given.length === 0 ? "none" : given.join(" and ");
  throw new InvalidArgumentError(`<${component}> needs exactly one of ${wanted}; got ${got}`);
}

function storeOf(manager: FeatureFlagManager): FlagStore {
  const store = (manager as { store?: FlagStore } | null)?.store;
  if (store === undefined || typeof store.subscribeFlag !== "function") throw new InvalidArgumentError("manager must be a FeatureFlagManager");
  return store;
}

function build<P extends AnyProps>(props: P, component: string, extras: ProviderExtras<P>): Built {
  if (props.manager !== undefined) {
    const store = storeOf(props.manager);
    // Applied before the children first render, so they never show the previous subject's values.
    if (props.context !== undefined && !jsonEqual(store.getContext(), props.context)) store.setContext(props.context);
    return { store, source: undefined };
  }
  const options = { config: props.config, context: props.context, storage: props.storage, logger: props.logger };
  if (extras.build) return extras.build(props, options);
  if (props.env !== undefined) throw new InvalidArgumentError(`<${component}> takes no env: use <FlagProvider config={...} env={...}>`);
  return { store: createFlagStore(options), source: undefined };
}

function hydrationStateOf(store: FlagStore, props: AnyProps): HydrationState {
  const managerOptions = props.manager === undefined ? { env: props.env, logger: props.logger, auditLogSize: props.auditLogSize } : undefined;
  return { view: store.getView(), status: store.getStatus(), managerOptions };
}

/** Returns the previous value while the new one is equal by value, so effects see one identity. */
function useValueIdentity<T>(value: T): T {
  const ref = useRef(value);
  if (!jsonEqual(ref.current, value)) ref.current = value;
  return ref.current;
}

/**
 * Internal: the body of every provider. Builds the store (and source) once in a state
 * initializer, provides the store itself as the context value, starts the source in an
 * effect and keeps the store's context in step with the `context` prop.
 */
export function useProviderElement<P extends AnyProps>(
  props: P,
  component: string,
  accepts: readonly ("manager" | "config" | "url")[],
  extras: ProviderExtras<P> = {},
): ReactElement {
  checkExactlyOne(props, component, accepts);
  const [built] = useState(() => build(props, component, extras));
  // An app may swap the manager it passes; config and url are read once (change `key` to rebuild).
  const store = props.manager !== undefined ? storeOf(props.manager) : built.store;
  const source = props.manager === undefined ? built.source : undefined;

  // What the children render with during hydration: the values as this provider first saw them.
  // Kept in state rather than a memo, which React may drop and recompute from live values.
  // It is also the context value, so consumers re-render for it only when the store changes.
  const [initial] = useState<Provided>(() => ({ store, hydration: hydrationStateOf(store, props) }));
  const provided = useMemo(() => (store === initial.store ? initial : { store, hydration: hydrationStateOf(store, props) }), [store, initial]);

  const context = useValueIdentity(props.context);
  useIsomorphicLayoutEffect(() => {
    // Before paint, so a user switch shows no frame of the previous user's flags.
    if (context !== undefined && !jsonEqual(store.getContext(), context)) store.setContext(context);
  }, [store, context]);

  // The source counts its starts, so StrictMode's mount, unmount, mount sends one request.
  useEffect(() => (source ? source.start(store) : undefined), [source, store]);

  return <ProviderContext.Provider value={provided}>{props.children}</ProviderContext.Provider>;
}
