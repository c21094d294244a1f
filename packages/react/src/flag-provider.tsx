import type { ReactElement } from "react";
import { createEnvFlagStore, createFlagStore, type FlagStoreOptions } from "@victor-flags/core";
import { createRemoteSource, type RemoteSourceOptions } from "@victor-flags/core/remote";
import {
  useProviderElement,
  type Built,
  type ConfigSourceProps,
  type ManagerPassThroughOptions,
  type ManagerSourceProps,
} from "./provider-core.js";
import type { QaOverridesProp } from "./apply-qa-overrides.js";
import { LazyQaOverrides } from "./lazy-qa-overrides.js";

/** Options of the remote source behind `<FlagProvider url>` (headers, timeoutMs, pollIntervalMs, streaming, bootstrap, ...). */
export type RemoteProviderOptions = Omit<RemoteSourceOptions, "url">;

/** `<FlagProvider url="/flags.json">`: load the config over HTTP (the documented contract), with an optional bootstrap and cache. */
export interface UrlSourceProps extends ManagerPassThroughOptions {
  url: string;
  /** Remote source options; `storage` and `logger` default to the provider's (the config cache lives in `storage`). */
  remote?: RemoteProviderOptions;
  children?: ConfigSourceProps["children"];
  context?: ConfigSourceProps["context"];
  manager?: never;
  config?: never;
}

/** Opt-in QA overrides of `<FlagProvider>`. */
export interface QaOverridesProps {
  /**
   * Off by default, so a URL can never change production behaviour by accident. `true` applies
   * `?vf=flag:on,experiment:variant` and the `victor-flags:qa` localStorage key as runtime
   * overrides with source "qa" (see `applyQaOverrides`); pass options to change the parameter,
   * key or logger. Enable it only in builds meant for QA, e.g. `qaOverrides={import.meta.env.DEV}`.
   * The QA code loads with `import()` when this is set, so other builds bundle none of it; for
   * overrides already in the first painted frame, render `<QaOverrides />` from
   * `@victor-flags/react/qa` inside the provider instead.
   */
  qaOverrides?: QaOverridesProp;
}

/** Props of `<FlagProvider>`: exactly one of `manager`, `config` or `url`, plus an optional `context`. */
export type FlagProviderProps = (ManagerSourceProps | ConfigSourceProps | UrlSourceProps) & QaOverridesProps;

/** The store of the `config` and `url` forms: `env` as its top layer, and for `url` the remote source, hydrated. */
function build(props: FlagProviderProps, options: FlagStoreOptions): Built {
  // With env, the env layer builds the store (and re-reads env against each config it gets).
  const store = props.env === undefined ? createFlagStore(options) : createEnvFlagStore(props.env, options);
  if (props.config !== undefined) return { store, source: undefined };
  const { url, remote, logger, storage } = props as UrlSourceProps;
  // The provider's storage holds the config cache and its logger hears network failures, unless `remote` says otherwise.
  const source = createRemoteSource({ ...(storage !== undefined ? { storage } : {}), ...(logger !== undefined ? { logger } : {}), ...remote, url });
  // Bootstrap or cached config, synchronously: the first render already shows the right branch.
  source.hydrate(store);
  return { store, source };
}

/**
 * Makes flags available to the tree. Takes exactly one of `manager`, `config` or `url`; builds
 * its manager and source once, and passes the manager itself down, so re-rendering the provider
 * re-renders no consumer. The nearest provider wins.
 */
export function FlagProvider(props: FlagProviderProps): ReactElement {
  const { qaOverrides, ...rest } = props;
  const inner = qaOverrides ? { ...rest, children: <><LazyQaOverrides options={qaOverrides} />{props.children}</> } : rest;
  return useProviderElement(inner as FlagProviderProps, "FlagProvider", ["manager", "config", "url"], { build });
}
