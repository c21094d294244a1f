import { useEffect, useLayoutEffect } from "react";

/**
 * Internal: `useLayoutEffect` in a browser, `useEffect` elsewhere. React 17 warns about layout
 * effects during server rendering, and on a server neither kind runs anyway.
 */
export const useIsomorphicLayoutEffect = typeof document !== "undefined" ? useLayoutEffect : useEffect;
