// React 18 and later have useSyncExternalStore. React 17 gets a subscription hook with the same
// contract, in place of the `use-sync-external-store` shim: the shim adds CommonJS interop, an
// Object.is polyfill and a debug-value call (0.45 kB gzip) to every app, React 18+ apps included.
// React 17 renders synchronously, so a snapshot read in render plus a check after commit and on
// every store change is all it takes not to miss an update.
import * as React from "react";
import { useEffect, useState } from "react";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

type Subscribe = (onChange: () => void) => () => void;
type UseSyncExternalStore = <T>(subscribe: Subscribe, getSnapshot: () => T, getServerSnapshot?: () => T) => T;

/** Where the hook keeps the snapshot it rendered and the getter that produced it. */
interface Rendered<T> {
  value: T;
  getSnapshot: () => T;
}

const moved = <T,>(r: Rendered<T>): boolean => {
  try {
    return !Object.is(r.value, r.getSnapshot());
  } catch {
    return true; // let the render throw it
  }
};

/** React 17: re-renders when the snapshot moved since the last render. */
function useSubscription<T>(subscribe: Subscribe, getSnapshot: () => T): T {
  const value = getSnapshot();
  const [{ r }, rerender] = useState(() => ({ r: { value, getSnapshot } as Rendered<T> }));
  useIsomorphicLayoutEffect(() => {
    r.value = value;
    r.getSnapshot = getSnapshot;
    if (moved(r)) rerender({ r });
  }, [subscribe, value, getSnapshot]);
  useEffect(() => {
    const check = (): void => {
      if (moved(r)) rerender({ r });
    };
    check();
    return subscribe(check);
  }, [subscribe]);
  return value;
}

/** Internal: React's `useSyncExternalStore` where it exists (18+), else an equivalent for React 17. */
export const useSyncExternalStore: UseSyncExternalStore =
  (React as { useSyncExternalStore?: UseSyncExternalStore }).useSyncExternalStore ??
  // A server has nothing to subscribe to: read the snapshot (React 17 has no server snapshot).
  (typeof document === "undefined" ? (_subscribe, getSnapshot) => getSnapshot() : useSubscription);
