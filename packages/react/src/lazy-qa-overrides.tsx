import { useContext, useEffect } from "react";
import { ProviderContext } from "./flag-context.js";
import type { QaOverridesProp } from "./apply-qa-overrides.js";

/**
 * Internal: `<FlagProvider qaOverrides>`. The QA code and the manager it writes through load with
 * `import()` after mount, so an app that never sets the prop pays a few bytes for it.
 */
export function LazyQaOverrides({ options }: { options: QaOverridesProp }): null {
  const provided = useContext(ProviderContext);
  const store = provided?.store;
  const hydration = provided?.hydration;
  useEffect(() => {
    if (store === undefined || options === false) return;
    let cancel: (() => void) | undefined;
    let live = true;
    void import("./apply-qa-overrides.js").then((qa) => {
      if (live) cancel = qa.applyOnce(qa.managerFor(store, hydration?.managerOptions), options);
    });
    return () => {
      live = false;
      cancel?.();
    };
    // Read once per store, like the provider's config: a new options object changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return null;
}
