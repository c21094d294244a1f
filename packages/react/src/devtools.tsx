// `@victor-flags/react/devtools`: <FlagDevtools />, an in-page panel to see and flip flags. Its
// own entry, so an app that does not import it bundles none of it; the panel itself is a
// separate chunk loaded after mount, so even an app that does pays only for this small shell
// until the page is up (and nothing at all during server rendering).
import { Suspense, lazy, useContext, useState, type ReactElement } from "react";
import { managerFor, type FeatureFlagManager } from "@victor-flags/core";
import { FlagProviderMissingError, ProviderContext } from "./flag-context.js";
import { ExposureCounter } from "./devtools/exposure-counter.js";
import { useIsomorphicLayoutEffect } from "./use-isomorphic-layout-effect.js";

/** Props of `<FlagDevtools>`. */
export interface FlagDevtoolsProps {
  /** The manager to inspect (default: the nearest `<FlagProvider>`'s). */
  manager?: FeatureFlagManager;
  /** Start with the panel open (default false: only the toggle button shows). */
  initialIsOpen?: boolean;
  /** `source` of the overrides the panel sets, in `explain()` and the audit log (default "devtools"). */
  source?: string;
  /** Which corner the toggle button sits in (default "bottom-right"). */
  position?: "bottom-right" | "bottom-left" | "top-right" | "top-left";
}

const Panel = lazy(() => import("./devtools/panel.js").then((m) => ({ default: m.DevtoolsPanel })));

/**
 * A toggleable panel listing every flag (value, source, dependencies) with override switches,
 * experiment variant pickers, the audit log and exposure counts. It renders in a shadow root
 * appended to `document.body`, so the app's CSS and the panel's do not affect each other.
 */
export function FlagDevtools(props: FlagDevtoolsProps): ReactElement | null {
  const provided = useContext(ProviderContext);
  const store = provided?.store;
  const hydration = provided?.hydration;
  const manager = props.manager ?? (store === undefined ? undefined : managerFor(store, hydration?.managerOptions));
  if (manager === undefined) throw new FlagProviderMissingError("<FlagDevtools> (or pass manager={...})");
  const [counter] = useState(() => new ExposureCounter());
  const [root, setRoot] = useState<ShadowRoot | null>(null);

  useIsomorphicLayoutEffect(() => counter.attach(manager), [counter, manager]);
  useIsomorphicLayoutEffect(() => {
    const host = document.createElement("div");
    host.setAttribute("data-victor-flags-devtools", "");
    document.body.appendChild(host);
    setRoot(host.attachShadow({ mode: "open" }));
    return () => {
      host.remove();
      setRoot(null);
    };
  }, []);

  if (root === null) return null;
  return (
    <Suspense fallback={null}>
      <Panel
        root={root}
        manager={manager}
        counter={counter}
        initialIsOpen={props.initialIsOpen ?? false}
        source={props.source ?? "devtools"}
        position={props.position ?? "bottom-right"}
      />
    </Suspense>
  );
}
