import { useRef, useState, type ReactElement, type ReactNode } from "react";
import type { FlagConfig, FlagContext } from "@victor-flags/core";
import { createTestManager, type TestFlagManager, type TestValues } from "@victor-flags/core/testing";
import { StaticFlagProvider } from "./static-flag-provider.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** Props of `<TestFlagProvider>`. */
export interface TestFlagProviderProps extends TestValues {
  children?: ReactNode;
  /** A manager from `createTestManager`, to change values mid-test with `manager.set(...)`; built from the props when absent. */
  manager?: TestFlagManager;
  /** The app's config, so dependencies and experiments behave as in the app (used only when `manager` is absent). */
  config?: FlagConfig;
  /** Evaluation context (default `{ userId: "test-user" }`). */
  context?: FlagContext;
}

/** Entries of `next` that differ from `prev`; names dropped from `next` are listed in `removed`. */
function diff<V>(prev: Readonly<Record<string, V>> = {}, next: Readonly<Record<string, V>> = {}) {
  const changed: Record<string, V> = {};
  for (const key of Object.keys(next)) if (!Object.is(prev[key], next[key])) changed[key] = next[key]!;
  const removed = Object.keys(prev).filter((key) => !(key in next));
  return { changed, removed };
}

/**
 * Provides fixed flag values to a tree under test: no network, no storage, no exposures sent.
 * Re-rendering it with other `flags`/`variants` applies the difference like a real change; for
 * a change that re-renders only the consumers of one flag, pass `manager={createTestManager(...)}`
 * and call `act(() => manager.set({ flags: { name: false } }))`.
 */
export function TestFlagProvider({ children, manager: given, config, context, flags, variants }: TestFlagProviderProps): ReactElement {
  const [manager] = useState<TestFlagManager>(() => {
    if (!given) return createTestManager({ flags, variants, ...(config ? { config } : {}), ...(context ? { context } : {}) });
    given.set({ flags, variants });
    return given;
  });
  const active = given ?? manager;
  const applied = useRef({ flags, variants });
  useIsomorphicLayoutEffect(() => {
    const f = diff(applied.current.flags, flags);
    const v = diff(applied.current.variants, variants);
    applied.current = { flags, variants };
    for (const name of f.removed) active.resetFlag(name);
    for (const name of v.removed) active.resetVariant(name);
    if (Object.keys(f.changed).length > 0 || Object.keys(v.changed).length > 0) active.set({ flags: f.changed, variants: v.changed });
  }, [active, flags, variants]);
  return <StaticFlagProvider manager={active}>{children}</StaticFlagProvider>;
}
