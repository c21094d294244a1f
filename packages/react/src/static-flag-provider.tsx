import { useMemo, useRef, useState, type ReactElement } from "react";
import { createFlagStore, InvalidArgumentError, type FeatureFlagManager, type FlagStore } from "@victor-flags/core";
import type { ConfigSourceProps, ManagerSourceProps } from "./provider-core.js";
import { ProviderContext, type Provided } from "./flag-context.js";
import { jsonEqual } from "./json-equal.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** Props of `<StaticFlagProvider>`: exactly one of `manager` or `config`, plus an optional `context` (no `env`: that is `<FlagProvider>`'s). */
export type StaticFlagProviderProps = ManagerSourceProps | (ConfigSourceProps & { env?: never });

// The same contract as `<FlagProvider>`'s manager and config forms (provider-core.tsx), written
// out without the url source, the env layer and their plumbing: an app on a static config
// bundles this body instead of the shared one.

type Props = StaticFlagProviderProps & { url?: unknown };

function storeOf(manager: FeatureFlagManager): FlagStore {
  const store = (manager as { store?: FlagStore } | null)?.store;
  if (store === undefined || typeof store.subscribeFlag !== "function") throw new InvalidArgumentError("manager must be a FeatureFlagManager");
  return store;
}

function build(props: Props): FlagStore {
  if (props.manager !== undefined) {
    const store = storeOf(props.manager);
    // Applied before the children first render, so they never show the previous subject's values.
    if (props.context !== undefined && !jsonEqual(store.getContext(), props.context)) store.setContext(props.context);
    return store;
  }
  if (props.env !== undefined) throw new InvalidArgumentError("<StaticFlagProvider> takes no env: use <FlagProvider config={...} env={...}>");
  return createFlagStore({ config: props.config, context: props.context, storage: props.storage, logger: props.logger });
}

function providedOf(store: FlagStore, props: Props): Provided {
  const managerOptions = props.manager === undefined ? { logger: props.logger, auditLogSize: props.auditLogSize } : undefined;
  return { store, hydration: { view: store.getView(), status: store.getStatus(), managerOptions } };
}

/**
 * `<FlagProvider>` without remote loading, env overrides or QA overrides: takes `manager` or
 * `config` only, so an app on a static config bundles the light store and nothing else.
 */
export function StaticFlagProvider(props: StaticFlagProviderProps): ReactElement {
  const p = props as Props;
  const given = (["manager", "config", "url"] as const).filter((key) => p[key] !== undefined && p[key] !== null);
  if (given.length !== 1 || given[0] === "url") {
    throw new InvalidArgumentError(`<StaticFlagProvider> needs exactly one of manager or config; got ${given.join(" and ") || "none"}`);
  }
  const [built] = useState(() => build(p));
  // An app may swap the manager it passes; config is read once (change `key` to rebuild).
  const store = p.manager !== undefined ? storeOf(p.manager) : built;

  // The hydration view is kept in state, not a memo, which React may drop and recompute from
  // live values; it is also the context value, so consumers re-render only when the store changes.
  const [initial] = useState(() => providedOf(store, p));
  const provided = useMemo(() => (store === initial.store ? initial : providedOf(store, p)), [store, initial]);

  // Compared by value: a new object with the same content keeps the previous identity.
  const ref = useRef(p.context);
  if (!jsonEqual(ref.current, p.context)) ref.current = p.context;
  const context = ref.current;
  useIsomorphicLayoutEffect(() => {
    // Before paint, so a user switch shows no frame of the previous user's flags.
    if (context !== undefined && !jsonEqual(store.getContext(), context)) store.setContext(context);
  }, [store, context]);

  return <ProviderContext.Provider value={provided}>{p.children}</ProviderContext.Provider>;
}
