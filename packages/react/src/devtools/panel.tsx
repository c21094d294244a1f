// The devtools panel, loaded lazily by `<FlagDevtools>` and rendered through a portal into its
// shadow root (a portal keeps the app's React context, so it works with any provider).
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement } from "react";
import { createPortal } from "react-dom";
import type { FeatureFlagManager } from "@victor-flags/core";
import { AuditTab } from "./audit-tab.js";
import { ExperimentsTab } from "./experiments-tab.js";
import type { ExposureCounter } from "./exposure-counter.js";
import { ExposuresTab } from "./exposures-tab.js";
import { FlagsTab } from "./flags-tab.js";
import { DEVTOOLS_CSS } from "./styles.js";
import { useManagerVersion } from "./use-manager-version.js";

/** Internal: what `<FlagDevtools>` hands the lazily loaded panel. */
export interface PanelProps {
  root: ShadowRoot;
  manager: FeatureFlagManager;
  counter: ExposureCounter;
  initialIsOpen: boolean;
  source: string;
  position: "bottom-right" | "bottom-left" | "top-right" | "top-left";
}

const TABS = [
  { id: "flags", label: "Flags" },
  { id: "experiments", label: "Experiments" },
  { id: "audit", label: "Audit log" },
  { id: "exposures", label: "Exposures" },
] as const;
type TabId = (typeof TABS)[number]["id"];

/** "N flags · M overridden". Rendered only while the panel is open: it explains every flag. */
function Summary({ manager }: { manager: FeatureFlagManager }): ReactElement {
  const names = Object.keys(manager.getAllFlags());
  const overridden = names.filter((name) => manager.explain(name).overrideSource !== undefined).length;
  return <span className="summary">{`${names.length} flags · ${overridden} overridden`}</span>;
}

function Shell({ manager, counter, initialIsOpen, source, position }: Omit<PanelProps, "root">): ReactElement {
  const [open, setOpen] = useState(initialIsOpen);
  const [tab, setTab] = useState<TabId>("flags");
  const [, changed] = useManagerVersion(manager);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  const focusOnOpen = useRef(false);

  useEffect(() => {
    // Keyboard users land on the tab list when they open the panel, not at the page's top.
    if (open && focusOnOpen.current) tabRefs.current[tab]?.focus();
    focusOnOpen.current = false;
  }, [open, tab]);

  const toggle = () => {
    focusOnOpen.current = !open;
    setOpen(!open);
  };
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      event.key === "ArrowRight" ? (i + 1) % TABS.length : event.key === "ArrowLeft" ? (i + TABS.length - 1) % TABS.length : event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : -1;
    if (next === -1) return;
    event.preventDefault();
    const id = TABS[next]!.id;
    setTab(id);
    tabRefs.current[id]?.focus();
  };

  return (
    <div className="vf">
      <button ref={toggleRef} type="button" className={`toggle ${position}`} aria-expanded={open} aria-controls="vf-devtools-panel" onClick={toggle}>
        Flags
      </button>
      {open ? (
        <section
          id="vf-devtools-panel"
          className={`panel ${position}`}
          aria-label="victor-flags devtools"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              close();
            }
          }}
        >
          <header>
            <h2>victor-flags</h2>
            <Summary manager={manager} />
            <button type="button" className="close" aria-label="Close devtools" onClick={close}>
              ×
            </button>
          </header>
          <div role="tablist" aria-label="Devtools sections">
            {TABS.map((t) => (
              <button
                key={t.id}
                ref={(el) => void (tabRefs.current[t.id] = el)}
                type="button"
                role="tab"
                id={`vf-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`vf-tabpanel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={onTabKey}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`vf-tabpanel-${tab}`} aria-labelledby={`vf-tab-${tab}`} tabIndex={0}>
            {tab === "flags" ? <FlagsTab manager={manager} source={source} changed={changed} /> : null}
            {tab === "experiments" ? <ExperimentsTab manager={manager} source={source} changed={changed} /> : null}
            {tab === "audit" ? <AuditTab manager={manager} changed={changed} /> : null}
            {tab === "exposures" ? <ExposuresTab counter={counter} /> : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** Internal: the panel rendered into the devtools' shadow root. */
export function DevtoolsPanel({ root, ...props }: PanelProps): ReactElement {
  return createPortal(
    <>
      <style>{DEVTOOLS_CSS}</style>
      <Shell {...props} />
    </>,
    root,
  );
}
