import { act } from "@testing-library/react";
import * as ReactDOM from "react-dom";
import { lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { FlagProvider, type FeatureFlagManager } from "@victor-flags/react";
import { createRequire } from "node:module";
import { vi } from "vitest";
import { REACT_MAJOR } from "./helpers.js";

type ReactLib = typeof import("@victor-flags/react");
type CoreLib = typeof import("@victor-flags/core");

/**
 * Renders on "the server": a fresh copy of our modules and the use-sync-external-store shim,
 * loaded while `window` and `document` are absent, as in Node. (In jsdom the shim would pick
 * its client implementation, whose layout effect React 17 warns about during renderToString.)
 */
export async function renderOnServer(build: (lib: ReactLib, core: CoreLib) => ReactElement): Promise<string> {
  return renderOnServerWith(async () => undefined, (lib, core) => build(lib, core));
}

type TargetingLib = typeof import("@victor-flags/react/targeting");

/** `renderOnServer` with the server's copy of `@victor-flags/react/targeting` too. */
export async function renderOnServerWithTargeting(build: (lib: ReactLib, core: CoreLib, targeting: TargetingLib) => ReactElement): Promise<string> {
  return renderOnServerWith(() => import("@victor-flags/react/targeting"), build);
}

async function renderOnServerWith<X>(extra: () => Promise<X>, build: (lib: ReactLib, core: CoreLib, extra: X) => ReactElement): Promise<string> {
  vi.resetModules();
  // The shim's implementation file is a CommonJS require, cached by Node rather than vitest.
  const require = createRequire(import.meta.url);
  for (const key of Object.keys(require.cache)) if (key.includes("use-sync-external-store")) delete require.cache[key];
  vi.stubGlobal("window", undefined);
  vi.stubGlobal("document", undefined);
  try {
    const server = (await import("react-dom/server")) as { renderToString(element: ReactElement): string };
    const lib = await import("@victor-flags/react");
    const core = await import("@victor-flags/core");
    return server.renderToString(build(lib, core, await extra()));
  } finally {
    vi.unstubAllGlobals();
  }
}

interface LegacyDom {
  hydrate(element: ReactElement, container: Element): void;
  unmountComponentAtNode(container: Element): boolean;
}
interface ClientDom {
  hydrateRoot(container: Element, element: ReactElement, options?: { onRecoverableError?: (error: unknown) => void }): { unmount(): void };
}

/** Hydrates `element` into `container` with the API of this React major; returns what React reported. */
export async function hydrate(container: Element, element: ReactElement): Promise<{ recoverable: unknown[]; unmount: () => void }> {
  const recoverable: unknown[] = [];
  if (REACT_MAJOR >= 18) {
    // Not a literal specifier: react-dom/client does not exist on React 17, whose project resolves this file too.
    const specifier = "react-dom/client";
    const client = (await import(/* @vite-ignore */ specifier)) as ClientDom;
    let root: { unmount(): void } | undefined;
    await act(async () => {
      root = client.hydrateRoot(container, element, { onRecoverableError: (error) => recoverable.push(error) });
    });
    return { recoverable, unmount: () => act(() => root!.unmount()) };
  }
  const legacy = ReactDOM as unknown as LegacyDom;
  await act(async () => {
    legacy.hydrate(element, container);
  });
  return { recoverable, unmount: () => void act(() => void legacy.unmountComponentAtNode(container)) };
}

/**
 * Hydrates the server's `html` under `<FlagProvider manager>` with a Suspense boundary whose code
 * arrives only when `load` is called (code splitting): until then the boundary stays dehydrated,
 * so the store can move before it hydrates.
 */
export async function hydrateLateBoundary(container: Element, html: string, manager: FeatureFlagManager) {
  let resolve!: (module: { default: ComponentType }) => void;
  const Late = lazy(() => new Promise<{ default: ComponentType }>((r) => (resolve = r)));
  container.innerHTML = html;
  const hydrated = await hydrate(
    container,
    <FlagProvider manager={manager}>
      <Suspense fallback="loading">
        <Late />
      </Suspense>
    </FlagProvider>,
  );
  return { ...hydrated, load: (component: ComponentType) => act(async () => resolve({ default: component })) };
}
